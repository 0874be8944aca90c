/**
 * Memory per user, measured in-process: 100,000 HTTP exchanges would take far longer than the
 * bench's budget, so this drives what the bot keeps per user directly: the real exchange flow
 * (engine → render → "Web API" → MemoryStore, per-user lock) with a fake Slack client that answers
 * at once and keeps nothing. Run with `node --expose-gc --import tsx bench/memory.ts <users>`;
 * prints one JSON line.
 *
 * Measured, each after a forced full GC: the process before any user (engine, content, store and
 * service built and warmed up); after every user holds a conversation half-way through; after
 * every user has finished and seen the summary. Per-user figures are the growth divided by users.
 */
import type { WebClient } from '@slack/web-api';
import { Engine } from '../src/engine/index.ts';
import { newSessionId } from '../src/ids.ts';
import { loadContent } from '../src/load-content.ts';
import { createLogger } from '../src/logger.ts';
import type { UserContext } from '../src/slack/core/interaction.ts';
import type { SlackDeps } from '../src/slack/deps.ts';
import { createServices } from '../src/slack/services.ts';
import { MemoryStore, type UserKey } from '../src/store/index.ts';
import { seeded } from './random.ts';

export interface MemoryPoint {
  rss: number;
  heapUsed: number;
  /** heapUsed + external + arrayBuffers: everything V8 and Buffers hold. */
  total: number;
}

export interface MemoryResult {
  users: number;
  /** Steps each user answered before the mid-way measurement. */
  midSteps: number;
  before: MemoryPoint;
  midway: MemoryPoint;
  finished: MemoryPoint;
  perUserMidway: { rss: number; heap: number };
  perUserFinished: { rss: number; heap: number };
  seconds: number;
}

function measure(): MemoryPoint {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i += 1) gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, total: m.heapUsed + m.external + m.arrayBuffers };
}

/** Answers like Slack would (a DM id, a message ts) and keeps nothing. */
function fakeClient(): WebClient {
  let ts = 0;
  const posted = async () => ({ ok: true, ts: `1700000000.${String(++ts).padStart(6, '0')}` });
  return {
    conversations: {
      open: async (args: { users: string }) => ({
        ok: true,
        channel: { id: `D${args.users.slice(1)}` },
      }),
    },
    chat: { postMessage: posted, update: posted },
  } as unknown as WebClient;
}

export async function measureMemory(users: number): Promise<MemoryResult> {
  const started = Date.now();
  const engine = new Engine(loadContent());
  const deps: SlackDeps = {
    engine,
    // Enough room that no user is evicted: the point is what 100k held conversations cost.
    store: new MemoryStore({ maxUsers: users + 1, ttlMs: 30 * 86_400_000 }),
    logger: createLogger({ level: 'info', destination: process.stderr }),
    now: Date.now,
    newId: newSessionId,
  };
  const service = createServices(deps).exchange;
  const client = fakeClient();
  const random = seeded(7);
  const tell = async () => {};

  const keyOf = (i: number): UserKey => ({
    teamId: 'T0PLAYGND',
    userId: `U${i.toString(36).toUpperCase().padStart(8, '0')}`,
  });
  /** One click on the current step, as the actions listener would make it. */
  const answer = async (user: UserContext): Promise<boolean> => {
    const state = await deps.store.get(user.key);
    const session = state?.session;
    if (!session || session.status === 'complete' || !state.surface) return false;
    const view = engine.view(session);
    if (view.kind !== 'step') return false;
    const ref = { session: session.id, step: view.step.id, rev: session.rev };
    const { step } = view;
    const event =
      step.kind === 'choice'
        ? {
            type: 'choose' as const,
            ref,
            option: step.options[Math.floor(random() * step.options.length)]?.id ?? '',
          }
        : { type: 'skip' as const, ref };
    await service.clickOn(user, event, { where: state.surface, tell });
    return true;
  };

  // Warm up the code paths on users that are then forgotten.
  for (let i = 0; i < 200; i += 1) {
    const user = { key: { teamId: 'TWARM', userId: `UW${i}` }, client };
    await service.postCurrent(user, { type: 'start' });
    while (await answer(user)) {}
    await deps.store.delete(user.key);
  }
  const before = measure();

  const midSteps = 5;
  for (let i = 0; i < users; i += 1) {
    const user = { key: keyOf(i), client };
    await service.postCurrent(user, { type: 'start' });
    for (let s = 0; s < midSteps; s += 1) await answer(user);
  }
  const midway = measure();

  for (let i = 0; i < users; i += 1) {
    const user = { key: keyOf(i), client };
    while (await answer(user)) {}
  }
  const finished = measure();
  const held = await deps.store.size();
  if (held !== users) throw new Error(`the store holds ${held} users, expected ${users}`);

  const per = (p: MemoryPoint) => ({
    rss: Math.round((p.rss - before.rss) / users),
    heap: Math.round((p.total - before.total) / users),
  });
  return {
    users,
    midSteps,
    before,
    midway,
    finished,
    perUserMidway: per(midway),
    perUserFinished: per(finished),
    seconds: (Date.now() - started) / 1000,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const users = Number(process.argv[2] ?? 100_000);
  measureMemory(users).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`memory bench failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
