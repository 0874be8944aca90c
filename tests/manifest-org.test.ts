import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const readJson = (relativePath: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(relativePath, import.meta.url), 'utf8'));

// biome-ignore lint/suspicious/noExplicitAny: a manifest read back for a few field checks
type Json = Record<string, any>;

describe('manifest.org.json: the org-ready variant for OAuth and Enterprise Grid', () => {
  const org = readJson('../manifest.org.json') as Json;
  const single = readJson('../manifest.json') as Json;

  it('validates against the official schema, like manifest.json', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS; under NodeNext its default import is the module object.
    addFormats.default(ajv);
    const validate = ajv.compile(
      readJson('./fixtures/slack-manifest-schema/manifest.schema.2.0.0.json'),
    );
    const ok = validate(org);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('can be deployed org-wide, over HTTP, with the install redirect on Bolt’s path', () => {
    expect(org.settings.org_deploy_enabled).toBe(true);
    expect(org.settings.socket_mode_enabled).toBe(false);
    expect(org.oauth_config.redirect_urls).toEqual([
      expect.stringMatching(/^https:\/\/.+\/slack\/oauth_redirect$/),
    ]);
    expect(org.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
    expect(org.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
  });

  it('is manifest.json in every other respect: same scopes, events, command and features', () => {
    const strip = (m: Json) => {
      const copy = structuredClone(m);
      delete copy.oauth_config.redirect_urls;
      delete copy.settings.org_deploy_enabled;
      delete copy.settings.socket_mode_enabled;
      return copy;
    };
    expect(strip(org)).toEqual(strip(single));
  });
});
