import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../src/playground/emulator/index.ts';
import type { ClockState } from '../../src/playground/page-server.ts';
import { startTestPlayground, type TestPlayground } from '../support/playground.ts';

const ALICE = 'U0ALICE';
const DAY = 86_400_000;
const GLOBEX = '/w/T0GLOBEX';

let pg: TestPlayground;
beforeEach(async () => {
  pg = await startTestPlayground();
});
afterEach(async () => {
  await pg.stop();
});

const emulatorOf = (index: number) => pg.workspaces[index]?.emulator as SlackEmulator;

async function post(prefix: string, action: string, body: unknown) {
  const res = await fetch(`${pg.emulator.url}${prefix}/playground/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function stateOf(prefix: string, user: string) {
  const res = await fetch(`${pg.emulator.url}${prefix}/playground/state?user=${user}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    team: { id: string; name: string };
    users: { id: string; realName: string; isBot: boolean }[];
    workspaces: { id: string; name: string; href: string; people: string[] }[];
    clock: ClockState;
  };
}

const checkinsIn = (emu: SlackEmulator) =>
  emu
    .callsTo('chat.postMessage')
    .filter((c) => c.ok && c.args.channel === 'D0ALICE')
    .filter((c) => JSON.stringify(c.args).includes('career.checkin.answer'));

describe('the playground’s two workspaces', () => {
  it('Globex has its own page, people and picker entry; an unknown workspace is not found', async () => {
    const acme = await stateOf('', ALICE);
    const globex = await stateOf(GLOBEX, ALICE);
    expect(acme.team).toEqual({ id: 'T0ACME', name: 'Acme' });
    expect(globex.team).toEqual({ id: 'T0GLOBEX', name: 'Globex' });
    expect(globex.workspaces).toEqual([
      { id: 'T0ACME', name: 'Acme', href: '/', people: ['U0ALICE', 'U0BOB', 'U0MANAGER'] },
      {
        id: 'T0GLOBEX',
        name: 'Globex',
        href: '/w/T0GLOBEX/',
        people: ['U0ALICE', 'U0DANA', 'U0MANAGER'],
      },
    ]);
    const people = (s: typeof acme) => s.users.filter((u) => !u.isBot).map((u) => u.id);
    expect(people(acme)).toEqual(['U0ALICE', 'U0BOB', 'U0MANAGER']);
    expect(people(globex)).toEqual(['U0ALICE', 'U0DANA', 'U0MANAGER']);
    // Bob is Acme's only.
    expect((await fetch(`${pg.emulator.url}${GLOBEX}/playground/state?user=U0BOB`)).status).toBe(
      400,
    );
    const page = await fetch(`${pg.emulator.url}${GLOBEX}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('src="page/app.js"');
    const bare = await fetch(`${pg.emulator.url}${GLOBEX}`, { redirect: 'manual' });
    expect(bare.headers.get('location')).toBe('/w/T0GLOBEX/');
    expect((await fetch(`${pg.emulator.url}/w/T0NOPE/`)).status).toBe(404);
  });

  it('Globex’s Alice opts in to check-ins; hers arrive in Globex, Acme’s Alice gets none', async () => {
    const from = (emulatorOf(1).calls.at(-1)?.seq ?? -1) + 1;
    const sent = await post(GLOBEX, 'command', {
      user: ALICE,
      channel: 'D0ALICE',
      text: 'checkin weekly',
    });
    expect(sent.status).toBe(200);
    await emulatorOf(1).waitForCall('response_url', undefined, 3_000, from);
    // The clock is one for both workspaces; each shows its own person's next check-in.
    const globex = (await stateOf(GLOBEX, ALICE)).clock;
    expect(globex.nextCheckin).not.toBeNull();
    expect((await stateOf('', ALICE)).clock.nextCheckin).toBeNull();

    const moved = await post(GLOBEX, 'clock/next-checkin', { user: ALICE });
    expect(moved.status).toBe(200);
    expect(checkinsIn(emulatorOf(1))).toHaveLength(1);
    expect(checkinsIn(emulatorOf(0))).toHaveLength(0);
    // Another week: still only Globex's Alice.
    expect((await post('', 'clock/advance', { user: ALICE, ms: 7 * DAY })).status).toBe(200);
    expect(checkinsIn(emulatorOf(1))).toHaveLength(2);
    expect(checkinsIn(emulatorOf(0))).toHaveLength(0);
  });
});
