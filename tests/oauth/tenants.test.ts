import { afterEach, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../src/playground/emulator/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type OAuthHarness, startOAuthHarness } from '../support/oauth-harness.ts';

let h: OAuthHarness;
afterEach(async () => {
  await h.close();
});

/** Until the app has nothing left to do: replies follow the ack, so a fixed sleep can miss them. */
const settle = () => h.slack.idle();

async function command(team: string, user: string, text = 'start'): Promise<ApiCall[]> {
  const from = h.emu.calls.length;
  const res = await h.emu.sendCommand({ user, text, overrides: h.from(team, 'command') });
  expect(res.status).toBe(200);
  await settle();
  return h.emu.calls.slice(from).filter((c) => c.method !== 'response_url');
}

const has = async (teamId: string, userId: string) =>
  (await h.deps.store.get({ teamId, userId })) !== undefined;

describe('whose state: workspaces apart, an Enterprise Grid org as one', () => {
  it('the same user id in two workspaces is two people', async () => {
    h = await startOAuthHarness();
    await h.install({ team: 'T0ALPHA' });
    await h.install({ team: 'T0BETA' });
    await command('T0ALPHA', 'U0SAM');
    expect(await has('T0ALPHA', 'U0SAM')).toBe(true);
    expect(await has('T0BETA', 'U0SAM')).toBe(false);
    await command('T0BETA', 'U0SAM');
    expect(await h.deps.store.size()).toBe(2);
  });

  it('org-wide: one installation answers every workspace of the org, and one person is one person', async () => {
    h = await startOAuthHarness();
    const page = await h.install({ enterprise: 'E0GRID' });
    expect(page.page).toContain('installed for the whole org');
    const a = await command('T0GRIDA', 'U0GINA');
    const b = await command('T0GRIDB', 'U0GINA', 'summary');
    expect(a.length).toBeGreaterThan(0);
    expect(new Set([...a, ...b].map((c) => c.team))).toEqual(new Set(['E0GRID']));
    expect([...a, ...b].every((c) => c.ok)).toBe(true);
    // One key, the org's, whichever workspace she wrote from.
    expect(await has('E0GRID', 'U0GINA')).toBe(true);
    expect(await has('T0GRIDA', 'U0GINA')).toBe(false);
    expect(await h.deps.store.size()).toBe(1);
    await command('T0GRIDA', 'U0HANK');
    expect(await h.deps.store.size()).toBe(2);
  });
});

describe('leaving: app_uninstalled and tokens_revoked, in either order', () => {
  const orders = [
    ['app_uninstalled', 'tokens_revoked'],
    ['tokens_revoked', 'app_uninstalled'],
  ] as const;

  for (const order of orders) {
    it(`${order.join(' then ')}: the installation and everything kept go, the others stay`, async () => {
      h = await startOAuthHarness();
      await h.install({ team: 'T0ALPHA' });
      await h.install({ team: 'T0BETA' });
      await command('T0ALPHA', 'U0ALICE');
      await command('T0BETA', 'U0BOB');
      await h.deps.schedule?.setDue({ teamId: 'T0ALPHA', userId: 'U0ALICE' }, Date.now() + 1000);
      h.emu.workspaces?.revoke('T0ALPHA');
      const cut = h.emu.calls.length;
      for (const event of order) {
        const res =
          event === 'app_uninstalled'
            ? await h.emu.sendAppUninstalled({ overrides: h.from('T0ALPHA', 'event') })
            : await h.emu.sendTokensRevoked({ overrides: h.from('T0ALPHA', 'event') });
        expect(res.status).toBe(200);
        await settle();
      }
      expect(await has('T0ALPHA', 'U0ALICE')).toBe(false);
      expect(await h.deps.schedule?.getDue({ teamId: 'T0ALPHA', userId: 'U0ALICE' })).toBe(null);
      await expect(
        h.installations.fetchInstallation({ teamId: 'T0ALPHA', isEnterpriseInstall: false }),
      ).rejects.toThrow();
      // Alpha's people write again: nothing is sent, with the revoked token or any other.
      expect(await command('T0ALPHA', 'U0ALICE')).toEqual([]);
      expect(h.emu.calls.slice(cut).filter((c) => c.team === 'T0ALPHA')).toEqual([]);
      // Beta is untouched and still answered.
      expect(await has('T0BETA', 'U0BOB')).toBe(true);
      const beta = await command('T0BETA', 'U0SAM');
      expect(beta.length).toBeGreaterThan(0);
      expect(beta.every((c) => c.ok && c.team === 'T0BETA')).toBe(true);
      expect(await h.installations.count()).toBe(1);
    });
  }

  it('an org uninstalling org-wide forgets the org’s people, and a workspace install in the org stays', async () => {
    h = await startOAuthHarness();
    await h.install({ enterprise: 'E0GRID' });
    await h.install({ team: 'T0BETA' });
    await command('T0GRIDA', 'U0GINA');
    expect(await has('E0GRID', 'U0GINA')).toBe(true);
    h.emu.workspaces?.revoke('E0GRID');
    await h.emu.sendAppUninstalled({ overrides: h.from('T0GRIDA', 'event') });
    await settle();
    expect(await has('E0GRID', 'U0GINA')).toBe(false);
    expect(await h.installations.count()).toBe(1);
    expect(await command('T0GRIDB', 'U0GINA')).toEqual([]);
    expect(h.logs()).toMatch(/"enterprise":"E0GRID".*app uninstalled/);
  });
});

describe('token rotation', () => {
  it('a token about to expire is refreshed through oauth.v2.access and the new one stored and used', async () => {
    // Tokens for an hour: inside Bolt's two-hour window, so the first request refreshes.
    h = await startOAuthHarness({ tokenTtlMs: 3_600_000 });
    await h.install({ team: 'T0ALPHA' });
    const first = h.emu.callsTo('oauth.v2.access')[0]?.response?.access_token;
    const calls = await command('T0ALPHA', 'U0ALICE');
    const refresh = h.emu
      .callsTo('oauth.v2.access')
      .find((c) => c.args.grant_type === 'refresh_token');
    expect(refresh?.ok).toBe(true);
    const stored = await h.installations.fetchInstallation({
      teamId: 'T0ALPHA',
      isEnterpriseInstall: false,
    });
    expect(stored.bot?.token).toBe(refresh?.response?.access_token);
    expect(stored.bot?.token).not.toBe(first);
    expect(calls.filter((c) => c.method === 'chat.postMessage').every((c) => c.ok)).toBe(true);
  });
});

describe('Enterprise Grid: clicks and DMs from any workspace of the org', () => {
  it('a step started in one workspace is answered by a click in another, on the same state', async () => {
    h = await startOAuthHarness();
    await h.install({ enterprise: 'E0GRID' });
    await command('T0GRIDA', 'U0GINA');
    const driver = new DmDriver(h.emu, 'U0GINA');
    const before = await h.deps.store.get({ teamId: 'E0GRID', userId: 'U0GINA' });
    const button = driver.answerButtons()[0];
    expect(button?.action_id).toBeTruthy();
    const seq = h.emu.calls.length;
    const res = await h.emu.clickButton({
      user: 'U0GINA',
      messageTs: driver.latest().ts,
      actionId: button?.action_id as string,
      overrides: h.from('T0GRIDB', 'interaction', 'U0GINA'),
    });
    expect(res.status).toBe(200);
    await settle();
    const after = await h.deps.store.get({ teamId: 'E0GRID', userId: 'U0GINA' });
    expect(after?.session?.rev).toBeGreaterThan(before?.session?.rev ?? 0);
    expect(await h.deps.store.size()).toBe(1);
    expect(
      h.emu.calls.slice(seq).every((c) => c.method === 'response_url' || c.team === 'E0GRID'),
    ).toBe(true);
  });

  it('a DM from another workspace of the org reaches the same person', async () => {
    h = await startOAuthHarness();
    await h.install({ enterprise: 'E0GRID' });
    await command('T0GRIDA', 'U0GINA');
    const res = await h.emu.sendDm({
      user: 'U0GINA',
      text: 'start',
      overrides: h.from('T0GRIDB', 'event'),
    });
    expect(res.status).toBe(200);
    await settle();
    expect(await h.deps.store.size()).toBe(1);
    expect(await has('T0GRIDB', 'U0GINA')).toBe(false);
  });
});
