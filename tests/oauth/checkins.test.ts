import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/scheduler/index.ts';
import { type InstallationStore, memoryInstallationStore } from '../../src/store/index.ts';
import { type OAuthHarness, startOAuthHarness } from '../support/oauth-harness.ts';

const WEEK = 7 * 86_400_000;
let h: OAuthHarness;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(Date.now());
  h = await startOAuthHarness({ clock });
  await h.install({ team: 'T0ALPHA' });
  await h.install({ team: 'T0BETA' });
  await h.install({ enterprise: 'E0GRID' });
});
afterEach(async () => {
  await h.close();
});

const PEOPLE = [
  { team: 'T0ALPHA', user: 'U0ALICE', key: 'T0ALPHA' },
  { team: 'T0BETA', user: 'U0BOB', key: 'T0BETA' },
  { team: 'T0GRIDB', user: 'U0GINA', key: 'E0GRID' },
];

async function optIn(team: string, user: string) {
  const res = await h.emu.sendCommand({
    user,
    text: 'checkin weekly',
    overrides: h.from(team, 'command'),
  });
  expect(res.status).toBe(200);
}

function checkinsSince(seq: number) {
  return h.emu.calls
    .slice(seq)
    .filter((c) => c.method === 'chat.postMessage')
    .filter((c) => JSON.stringify(c.args).includes('career.checkin.answer'));
}

async function dueOf(key: string, user: string): Promise<number> {
  for (let i = 0; i < 40; i += 1) {
    const due = await h.deps.schedule?.getDue({ teamId: key, userId: user });
    if (due) return due;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no check-in scheduled for ${key}:${user}`);
}

describe('check-ins with many installations', () => {
  it('each user’s check-in goes out with their own workspace’s (or org’s) token', async () => {
    for (const p of PEOPLE) await optIn(p.team, p.user);
    const dues = await Promise.all(PEOPLE.map((p) => dueOf(p.key, p.user)));
    const seq = h.emu.calls.length;
    await clock.advanceTo(Math.max(...dues));
    await h.emu.waitFor(() => checkinsSince(seq).length >= 3, 3_000);
    const sent = checkinsSince(seq);
    expect(sent).toHaveLength(3);
    expect(sent.every((c) => c.ok)).toBe(true);
    const byUser = new Map(sent.map((c) => [String(c.args.channel), c.team]));
    // Posted to the DM the bot opened; the DM's user tells whose it was.
    const teamOf = (channel: string) => h.emu.channel(channel)?.user ?? channel;
    expect(
      Object.fromEntries([...byUser].map(([channel, team]) => [teamOf(channel), team])),
    ).toEqual({ U0ALICE: 'T0ALPHA', U0BOB: 'T0BETA', U0GINA: 'E0GRID' });
  });

  it('after a workspace uninstalls, its people get nothing and its token is never used; the others do', async () => {
    for (const p of PEOPLE) await optIn(p.team, p.user);
    const dues = await Promise.all(PEOPLE.map((p) => dueOf(p.key, p.user)));
    h.emu.workspaces?.revoke('T0BETA');
    await h.emu.sendAppUninstalled({ overrides: h.from('T0BETA', 'event') });
    await new Promise((r) => setTimeout(r, 150));
    const seq = h.emu.calls.length;
    await clock.advanceTo(Math.max(...dues));
    await h.emu.waitFor(() => checkinsSince(seq).length >= 2, 3_000);
    await clock.advanceBy(WEEK);
    await new Promise((r) => setTimeout(r, 200));
    const teams = h.emu.calls.slice(seq).map((c) => c.team);
    expect(teams).not.toContain('T0BETA');
    expect(new Set(checkinsSince(seq).map((c) => c.team))).toEqual(new Set(['T0ALPHA', 'E0GRID']));
  });

  it('an installation gone without an uninstall event: nothing is sent and nothing stays due', async () => {
    await optIn('T0ALPHA', 'U0ALICE');
    const due = await dueOf('T0ALPHA', 'U0ALICE');
    await h.installations.deleteInstallation({ teamId: 'T0ALPHA', isEnterpriseInstall: false });
    const seq = h.emu.calls.length;
    await clock.advanceTo(due);
    await new Promise((r) => setTimeout(r, 150));
    expect(checkinsSince(seq)).toEqual([]);
    expect(await h.deps.schedule?.getDue({ teamId: 'T0ALPHA', userId: 'U0ALICE' })).toBe(null);
  });
});

describe('check-ins when installations cannot be read', () => {
  it('a store outage is not an uninstall: nothing is sent, and the check-in stays due', async () => {
    await h.close();
    const real = memoryInstallationStore();
    let down = false;
    const flaky: InstallationStore = {
      storeInstallation: (i) => real.storeInstallation(i),
      fetchInstallation: (q) =>
        down ? Promise.reject(new Error('connection lost')) : real.fetchInstallation(q),
      deleteInstallation: (q) => real.deleteInstallation(q),
      count: () => real.count(),
    };
    clock = new ManualClock(Date.now());
    h = await startOAuthHarness({ clock, installations: flaky });
    await h.install({ team: 'T0ALPHA' });
    await optIn('T0ALPHA', 'U0ALICE');
    const due = await dueOf('T0ALPHA', 'U0ALICE');
    down = true;
    const seq = h.emu.calls.length;
    await clock.advanceTo(due);
    await new Promise((r) => setTimeout(r, 150));
    expect(checkinsSince(seq)).toEqual([]);
    const later = await h.deps.schedule?.getDue({ teamId: 'T0ALPHA', userId: 'U0ALICE' });
    expect(later).toBeGreaterThan(due);
    down = false;
    await clock.advanceTo(later as number);
    await h.emu.waitFor(() => checkinsSince(seq).length === 1, 3_000);
    expect(checkinsSince(seq)[0]).toMatchObject({ ok: true, team: 'T0ALPHA' });
  });
});
