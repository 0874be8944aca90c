import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_SCOPES } from '../src/playground/emulator/scopes.ts';

// Offline copy of Slack's official schema (slackapi/manifest-schema c50cfa8, MIT); see the README
// next to it. The umbrella manifest.schema.json only $refs published URLs, so we validate against
// the versioned file that matches `_metadata.major_version` directly.
const SCHEMA_PATH = './fixtures/slack-manifest-schema/manifest.schema.2.0.0.json';
const MANIFEST_PATH = '../manifest.json';

interface Manifest {
  _metadata?: { major_version?: number };
  display_information: { name: string; background_color?: string };
  features?: {
    app_home?: {
      home_tab_enabled?: boolean;
      messages_tab_enabled?: boolean;
      messages_tab_read_only_enabled?: boolean;
    };
    bot_user?: { display_name: string; always_online?: boolean };
    slash_commands?: { command: string; usage_hint?: string; should_escape?: boolean }[];
  };
  oauth_config?: { scopes?: { bot?: string[]; user?: string[] } };
  settings?: {
    event_subscriptions?: { bot_events?: string[]; user_events?: string[] };
    interactivity?: { is_enabled: boolean };
    socket_mode_enabled?: boolean;
  };
}

const readJson = (relativePath: string): unknown =>
  JSON.parse(readFileSync(new URL(relativePath, import.meta.url), 'utf8'));

/**
 * Scopes the code calls APIs with; removing one breaks a feature. chat:write.public lets a brief
 * be shared into any public channel the user picks without inviting the bot first (private
 * channels still need an /invite): it only posts, it reads nothing.
 */
const REQUIRED_BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'im:history',
  'users:read',
  'groups:read',
];
/** Everything we are willing to ask for: exactly the required scopes. */
const ALLOWED_BOT_SCOPES = [...REQUIRED_BOT_SCOPES];
/** Broad scopes a private coaching bot must never request. */
const DENIED_BOT_SCOPES = [
  'admin',
  'channels:history',
  'groups:history',
  'mpim:history',
  'channels:join',
  'channels:manage',
  'channels:read',
  'chat:write.customize',
  'users:read.email',
  'users.profile:read',
  'files:read',
];

/** The scope each subscribed bot event needs (https://api.slack.com/events), '' for none. */
const EVENT_SCOPES: Record<string, string> = {
  'message.im': 'im:history',
  app_home_opened: '',
  app_uninstalled: '',
  tokens_revoked: '',
  user_change: 'users:read',
};

function sourceFiles(relative: string): string[] {
  const root = new URL(`${relative}/`, import.meta.url);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => new URL(f, root).pathname);
}

describe('manifest.json', () => {
  let validate: ValidateFunction;
  let manifest: Manifest;

  beforeAll(() => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS; under NodeNext its default import is the module object.
    addFormats.default(ajv);
    validate = ajv.compile(readJson(SCHEMA_PATH) as object);
    manifest = readJson(MANIFEST_PATH) as Manifest;
  });

  describe('Slack manifest schema', () => {
    it('targets major version 2, matching the schema fixture', () => {
      expect(manifest._metadata?.major_version).toBe(2);
    });

    it('validates against the official schema', () => {
      const valid = validate(manifest);
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
      expect(valid).toBe(true);
    });

    it.each([
      [
        'an unknown top-level key',
        (m: Manifest) => Object.assign(m, { unknown_section: true }),
        { instancePath: '', keyword: 'additionalProperties' },
      ],
      [
        'a bot scope that is not a string',
        (m: Manifest) => Object.assign(m, { oauth_config: { scopes: { bot: ['commands', 42] } } }),
        { instancePath: '/oauth_config/scopes/bot/1', keyword: 'type' },
      ],
      [
        'a slash command without its leading slash',
        (m: Manifest) => {
          const command = m.features?.slash_commands?.[0];
          if (command) command.command = 'career-path';
        },
        { instancePath: '/features/slash_commands/0/command', keyword: 'pattern' },
      ],
    ])('rejects a manifest with %s (the validator is not vacuous)', (_label, breakIt, expected) => {
      const broken = structuredClone(manifest);
      breakIt(broken);
      expect({ valid: validate(broken), errors: validate.errors }).toEqual({
        valid: false,
        errors: expect.arrayContaining([expect.objectContaining(expected)]),
      });
    });
  });

  describe('what the product relies on', () => {
    it('registers exactly the /career-path slash command, unescaped, with every subcommand', () => {
      const commands = manifest.features?.slash_commands ?? [];
      expect(commands.map((c) => c.command)).toEqual(['/career-path']);
      expect(commands[0]?.should_escape).toBe(false);
      for (const sub of ['start', 'summary', 'share', 'reset', 'checkin', 'help']) {
        expect(commands[0]?.usage_hint).toContain(sub);
      }
    });

    it('subscribes to the bot events the app handles, and no user events', () => {
      const events = manifest.settings?.event_subscriptions;
      expect(events?.bot_events).toEqual(
        expect.arrayContaining([
          'message.im',
          'app_home_opened',
          'app_uninstalled',
          'tokens_revoked',
        ]),
      );
      expect(events?.bot_events ?? []).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^message\.(channels|groups|mpim)$/)]),
      );
      expect(events?.user_events ?? []).toEqual([]);
    });

    it('requests every bot scope the code needs (message.im needs im:history)', () => {
      expect(manifest.oauth_config?.scopes?.bot).toEqual(
        expect.arrayContaining(REQUIRED_BOT_SCOPES),
      );
    });

    it('asks for exactly the scopes the code needs: each Web API method called, each event, the command', () => {
      const called = new Set<string>();
      for (const file of sourceFiles('../src/slack')) {
        for (const m of readFileSync(file, 'utf8').matchAll(
          /client\s*\.\s*(\w+)\s*\.\s*(\w+)\s*\(/g,
        ))
          called.add(`${m[1]}.${m[2]}`);
      }
      // Bolt calls auth.test at start-up (no scope).
      called.add('auth.test');
      const bot = manifest.oauth_config?.scopes?.bot ?? [];
      const needed = new Set<string>(['commands', 'chat:write.public']);
      for (const method of called) {
        const accepted = METHOD_SCOPES[method];
        expect(accepted, `${method} has no scope mapping in the emulator`).toBeDefined();
        if (!accepted || accepted.length === 0) continue;
        const granted = accepted.find((s) => bot.includes(s));
        expect(granted, `${method} needs one of ${accepted.join(', ')}`).toBeDefined();
        if (granted) needed.add(granted);
      }
      for (const event of manifest.settings?.event_subscriptions?.bot_events ?? []) {
        const scope = EVENT_SCOPES[event];
        expect(scope, `${event} has no scope mapping`).toBeDefined();
        if (scope) needed.add(scope);
      }
      expect([...bot].sort()).toEqual([...needed].sort());
    });

    it('requests no broad scope, nothing outside the allow-list, and no user scopes', () => {
      const bot = manifest.oauth_config?.scopes?.bot ?? [];
      const denied = bot.filter((s) => DENIED_BOT_SCOPES.includes(s) || s.startsWith('admin.'));
      expect(denied).toEqual([]);
      expect(bot.filter((s) => !ALLOWED_BOT_SCOPES.includes(s))).toEqual([]);
      expect(new Set(bot).size).toBe(bot.length);
      expect(manifest.oauth_config?.scopes?.user ?? []).toEqual([]);
    });

    it('runs in Socket Mode with interactivity on', () => {
      expect(manifest.settings?.socket_mode_enabled).toBe(true);
      expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    });

    it('lets users message the app in its Messages tab, and has a Home tab', () => {
      const home = manifest.features?.app_home;
      expect(home?.messages_tab_enabled).toBe(true);
      expect(home?.messages_tab_read_only_enabled).toBe(false);
      expect(home?.home_tab_enabled).toBe(true);
    });

    it('names the app and bot career-path with a valid hex background colour', () => {
      expect(manifest.display_information.name).toBe('career-path');
      expect(manifest.features?.bot_user?.display_name).toBe('career-path');
      // The schema spells this constraint `regex`, which JSON Schema ignores, so check it here.
      expect(manifest.display_information.background_color).toMatch(
        /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/,
      );
    });
  });
});
