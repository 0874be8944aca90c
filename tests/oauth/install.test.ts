import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../src/playground/emulator/index.ts';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  type OAuthHarness,
  SCOPES,
  STATE_SECRET,
  startOAuthHarness,
} from '../support/oauth-harness.ts';

let h: OAuthHarness;
beforeEach(async () => {
  h = await startOAuthHarness();
});
afterEach(async () => {
  await h.close();
});

/** `/career-path start` from `user` in `team`; resolves with the Web API calls it caused. */
async function startFrom(team: string, user: string): Promise<ApiCall[]> {
  const from = h.emu.calls.length;
  const res = await h.emu.sendCommand({
    user,
    text: 'start',
    overrides: h.from(team, 'command'),
  });
  expect(res.status).toBe(200);
  // The reply follows the ack: wait until the app has nothing left to do, not a fixed time.
  await h.slack.idle();
  return h.emu.calls.slice(from).filter((c) => c.method !== 'response_url');
}

describe('Add to Slack: /slack/install and /slack/oauth_redirect', () => {
  it('the install page links to Slack’s authorize page with the client id, the bot scopes and a state', async () => {
    const res = await fetch(`${h.botUrl}/slack/install`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Add to Slack');
    const href = /href="([^"]+)"/.exec(html.replaceAll('&amp;', '&'))?.[1] ?? '';
    const url = new URL(href);
    expect(url.origin + url.pathname).toBe(`${h.emu.url}/oauth/v2/authorize`);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('scope')).toBe(SCOPES.join(','));
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
  });

  it('installing exchanges the code with oauth.v2.access at SLACK_API_URL and says so', async () => {
    const result = await h.install({ team: 'T0ALPHA' });
    expect(result.status).toBe(200);
    expect(result.page).toContain('career-path is installed in Alpha');
    const exchange = h.emu.callsTo('oauth.v2.access');
    expect(exchange).toHaveLength(1);
    expect(exchange[0]?.args).toMatchObject({ client_id: CLIENT_ID });
    expect(await h.installations.count()).toBe(1);
  });

  it('each workspace is answered with its own token', async () => {
    await h.install({ team: 'T0ALPHA' });
    await h.install({ team: 'T0BETA' });
    const alpha = await startFrom('T0ALPHA', 'U0ALICE');
    const beta = await startFrom('T0BETA', 'U0BOB');
    expect(alpha.filter((c) => c.method === 'chat.postMessage').length).toBeGreaterThan(0);
    expect(beta.filter((c) => c.method === 'chat.postMessage').length).toBeGreaterThan(0);
    expect(new Set(alpha.map((c) => c.team))).toEqual(new Set(['T0ALPHA']));
    expect(new Set(beta.map((c) => c.team))).toEqual(new Set(['T0BETA']));
    expect(alpha.every((c) => c.ok)).toBe(true);
  });

  it('a forged or missing state installs nothing and shows why', async () => {
    const code = h.emu.oauth?.issueCode({
      teamId: 'T0ALPHA',
      orgWide: false,
      user: 'U0X',
      scope: '',
    });
    const forged = await fetch(`${h.botUrl}/slack/oauth_redirect?code=${code}&state=forged`, {
      headers: { cookie: 'slack-app-oauth-state=forged' },
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('career-path was not installed');
    const noState = await fetch(`${h.botUrl}/slack/oauth_redirect?code=${code}`);
    expect(noState.status).toBe(400);
    expect(h.emu.callsTo('oauth.v2.access')).toHaveLength(0);
    expect(await h.installations.count()).toBe(0);
  });

  it('a state from another browser (no cookie) installs nothing', async () => {
    const landing = await fetch(`${h.botUrl}/slack/install`);
    const href = /href="([^"]+)"/.exec((await landing.text()).replaceAll('&amp;', '&'))?.[1] ?? '';
    const approved = await fetch(href, { redirect: 'manual' });
    const back = await fetch(approved.headers.get('location') ?? '');
    expect(back.status).toBe(400);
    expect(await h.installations.count()).toBe(0);
  });

  it('a cancelled install says nothing was installed', async () => {
    const landing = await fetch(`${h.botUrl}/slack/install`);
    const cookie = (landing.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const href = /href="([^"]+)"/.exec((await landing.text()).replaceAll('&amp;', '&'))?.[1] ?? '';
    const approved = await fetch(`${href}&deny=1`, { redirect: 'manual' });
    const back = await fetch(approved.headers.get('location') ?? '', { headers: { cookie } });
    expect(await back.text()).toContain('cancelled');
    expect(await h.installations.count()).toBe(0);
  });

  it('a workspace that never installed gets nothing, quietly', async () => {
    await h.install({ team: 'T0ALPHA' });
    const calls = await startFrom('T0NEVER', 'U0NOEL');
    expect(calls).toEqual([]);
    expect(await h.deps.store.size()).toBe(0);
    expect(h.logs()).toMatch(/"team":"T0NEVER".*refused a request from a workspace not installed/);
    expect(h.logs()).not.toMatch(/"level":50/);
  });

  it('no token or secret reaches the logs', async () => {
    await h.install({ team: 'T0ALPHA' });
    await h.install({ enterprise: 'E0GRID' });
    await startFrom('T0ALPHA', 'U0ALICE');
    await startFrom('T0GRIDA', 'U0GINA');
    const logs = h.logs();
    expect(logs).toContain('installed');
    expect(logs).not.toMatch(/xox[abpe]-/);
    expect(logs).not.toContain(CLIENT_SECRET);
    expect(logs).not.toContain(STATE_SECRET);
  });
});

describe('SLACK_REDIRECT_URI', () => {
  it('is named on the authorize URL and in the code exchange, as Slack requires', async () => {
    await h.close();
    // Any host works: the emulator redirects to whatever redirect_uri the authorize URL names.
    h = await startOAuthHarness({ redirectUri: 'https://bot.example/slack/oauth_redirect' });
    const res = await fetch(`${h.botUrl}/slack/install`);
    const href = /href="([^"]+)"/.exec((await res.text()).replaceAll('&amp;', '&'))?.[1] ?? '';
    expect(new URL(href).searchParams.get('redirect_uri')).toBe(
      'https://bot.example/slack/oauth_redirect',
    );
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const approved = await fetch(`${href}&team=T0ALPHA`, { redirect: 'manual' });
    const location = new URL(approved.headers.get('location') ?? '');
    expect(location.origin).toBe('https://bot.example');
    const back = await fetch(`${h.botUrl}/slack/oauth_redirect${location.search}`, {
      headers: { cookie },
    });
    expect(back.status).toBe(200);
    expect(h.emu.callsTo('oauth.v2.access')[0]?.args.redirect_uri).toBe(
      'https://bot.example/slack/oauth_redirect',
    );
  });
});
