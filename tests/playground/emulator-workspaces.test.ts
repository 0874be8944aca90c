import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { CLIENT_ID, CLIENT_SECRET, newOAuthEmulator } from '../support/oauth-harness.ts';

let emu: SlackEmulator;
beforeEach(async () => {
  emu = newOAuthEmulator();
  await emu.start();
});
afterEach(async () => {
  await emu.stop();
});

async function api(method: string, args: Record<string, string>, token?: string) {
  const res = await fetch(`${emu.apiUrl}${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: new URLSearchParams(args).toString(),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function installed(target: { teamId?: string; enterpriseId?: string; orgWide: boolean }) {
  const code = emu.oauth?.issueCode({ ...target, user: 'U0ADMIN', scope: 'chat:write' }) ?? '';
  return api('oauth.v2.access', { code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
}

describe('the emulator as Slack for an app installed in many workspaces', () => {
  it('oauth.v2.access exchanges a code once, for the right client only', async () => {
    const code = emu.oauth?.issueCode({
      teamId: 'T0ALPHA',
      orgWide: false,
      user: 'U0A',
      scope: '',
    });
    expect(
      await api('oauth.v2.access', { code: code ?? '', client_id: CLIENT_ID, client_secret: 'no' }),
    ).toMatchObject({ ok: false, error: 'bad_client_secret' });
    const ok = await api('oauth.v2.access', {
      code: code ?? '',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expect(ok).toMatchObject({
      ok: true,
      team: { id: 'T0ALPHA', name: 'Alpha' },
      enterprise: null,
      is_enterprise_install: false,
      token_type: 'bot',
    });
    expect(String(ok.access_token)).toMatch(/^xoxb-/);
    expect(
      await api('oauth.v2.access', {
        code: code ?? '',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    ).toMatchObject({ ok: false, error: 'invalid_code' });
  });

  it('a workspace’s token cannot reach another workspace’s people', async () => {
    const alpha = String((await installed({ teamId: 'T0ALPHA', orgWide: false })).access_token);
    expect(await api('chat.postMessage', { channel: 'U0ALICE', text: 'hi' }, alpha)).toMatchObject({
      ok: true,
    });
    expect(await api('chat.postMessage', { channel: 'U0BOB', text: 'hi' }, alpha)).toMatchObject({
      ok: false,
      error: 'channel_not_found',
    });
    expect(await api('users.info', { user: 'U0BOB' }, alpha)).toMatchObject({
      ok: false,
      error: 'user_not_found',
    });
    expect(await api('auth.test', {}, alpha)).toMatchObject({ ok: true, team_id: 'T0ALPHA' });
  });

  it('an org-wide token reaches every workspace of its org and no other', async () => {
    const org = await installed({ enterpriseId: 'E0GRID', orgWide: true });
    expect(org).toMatchObject({
      team: null,
      enterprise: { id: 'E0GRID' },
      is_enterprise_install: true,
    });
    const token = String(org.access_token);
    expect(await api('users.info', { user: 'U0HANK' }, token)).toMatchObject({ ok: true });
    expect(await api('chat.postMessage', { channel: 'U0GINA', text: 'x' }, token)).toMatchObject({
      ok: true,
    });
    expect(await api('users.info', { user: 'U0ALICE' }, token)).toMatchObject({ ok: false });
    expect(await api('auth.test', {}, token)).toMatchObject({
      enterprise_id: 'E0GRID',
      is_enterprise_install: true,
    });
  });

  it('a revoked token gets token_revoked; other workspaces’ tokens keep working', async () => {
    const alpha = String((await installed({ teamId: 'T0ALPHA', orgWide: false })).access_token);
    const beta = String((await installed({ teamId: 'T0BETA', orgWide: false })).access_token);
    emu.workspaces?.revoke('T0ALPHA');
    expect(await api('auth.test', {}, alpha)).toMatchObject({ ok: false, error: 'token_revoked' });
    expect(await api('auth.test', {}, beta)).toMatchObject({ ok: true, team_id: 'T0BETA' });
    expect(await api('auth.test', {}, 'xoxb-made-up')).toMatchObject({ error: 'invalid_auth' });
  });

  it('the authorize page redirects with a code and the state, or access_denied', async () => {
    if (emu.oauth) emu.oauth.client.redirectUri = 'https://bot.example/slack/oauth_redirect';
    const page = `${emu.url}/oauth/v2/authorize?client_id=${CLIENT_ID}&scope=chat:write&state=s1`;
    const ok = await fetch(`${page}&team=T0BETA`, { redirect: 'manual' });
    const back = new URL(ok.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe('https://bot.example/slack/oauth_redirect');
    expect(back.searchParams.get('state')).toBe('s1');
    expect(back.searchParams.get('code')).toBeTruthy();
    const denied = await fetch(`${page}&deny=1`, { redirect: 'manual' });
    expect(new URL(denied.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'access_denied',
    );
    const wrong = await fetch(page.replace(CLIENT_ID, '1.2'), { redirect: 'manual' });
    expect(wrong.status).toBe(400);
  });
});
