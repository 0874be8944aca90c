import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { Engine } from '../../src/engine/index.ts';
import { newSessionId } from '../../src/ids.ts';
import { loadContent } from '../../src/load-content.ts';
import { createLogger } from '../../src/logger.ts';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import type { CheckinScheduler, ManualClock } from '../../src/scheduler/index.ts';
import { createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import type { SlackDeps } from '../../src/slack/deps.ts';
import {
  type DedupeStore,
  MemoryScheduleStore,
  MemoryStore,
  type ScheduleStore,
  type StateStore,
} from '../../src/store/index.ts';

export const SIGNING_SECRET = 'abcdef0123456789abcdef0123456789';
export const BOT_TOKEN = 'xoxb-test-token';

export interface Harness {
  emu: SlackEmulator;
  slack: SlackApp;
  deps: SlackDeps;
  /** Everything the bot logged, as raw JSON lines. */
  logs(): string;
  botUrl: string;
  /** Running when `clock` was given: check-ins fall due as the clock is advanced. */
  scheduler?: CheckinScheduler;
  schedule: ScheduleStore;
  /**
   * Resolves once the bot has nothing under way: no request being handled, no check-in run.
   * Negative checks ("no reply was sent") wait on this instead of sleeping.
   */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const content = loadContent();

export interface BotOptions {
  store?: StateStore;
  now?: () => number;
  logLevel?: string;
  /** What /healthz reports; the default answers ok. */
  health?: () => Promise<{ ok: boolean }>;
  /** Check-in schedule; default a fresh memory one. */
  schedule?: ScheduleStore;
  /**
   * The bot's clock for check-ins (deps.now and the scheduler). The emulator keeps real time,
   * since Bolt rejects requests signed more than five minutes from the real clock.
   */
  clock?: ManualClock;
  /** Event-id memory; default the app's own in-memory one. */
  dedupe?: DedupeStore;
  /** The scheduler's gap between two posts to one workspace (with `clock`); default its own. */
  sendIntervalMs?: number;
}

/** One bot instance: a Bolt app on its own loopback port, its Web API answered by `emu`. */
export type Bot = Omit<Harness, 'emu'>;

export async function startBot(emu: SlackEmulator, options: BotOptions = {}): Promise<Bot> {
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (chunk: Buffer) => {
    logged += chunk.toString('utf8');
  });
  const schedule = options.schedule ?? new MemoryScheduleStore();
  const clock = options.clock;
  const deps: SlackDeps = {
    engine: new Engine(content),
    store: options.store ?? new MemoryStore({ maxUsers: 1000, ttlMs: 86_400_000 }),
    schedule,
    logger: createLogger({ level: options.logLevel ?? 'trace', destination: stream }),
    now: clock ? () => clock.now() : (options.now ?? Date.now),
    newId: newSessionId,
    ...(options.dedupe ? { dedupe: options.dedupe } : {}),
  };
  const slack = createSlackApp({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: emu.apiUrl,
    deps,
    ...(options.health ? { health: options.health } : {}),
  });
  const server = await slack.start(0);
  if (!server) throw new Error('the HTTP receiver did not start');
  const port = (server.address() as AddressInfo).port;
  const scheduler = clock
    ? slack.startCheckins({
        clock,
        pollMs: 0,
        ...(options.sendIntervalMs !== undefined ? { sendIntervalMs: options.sendIntervalMs } : {}),
      })
    : undefined;
  return {
    slack,
    deps,
    schedule,
    ...(scheduler ? { scheduler } : {}),
    botUrl: `http://127.0.0.1:${port}`,
    logs: () => logged,
    idle: async () => {
      // Let a request whose bytes have just arrived reach the app's middleware first.
      await new Promise((resolve) => setImmediate(resolve));
      await slack.idle();
    },
    close: () => slack.stop(),
  };
}

/** The real Bolt app on a loopback port, its Web API answered by the emulator over real HTTP. */
export async function startHarness(options: BotOptions = {}): Promise<Harness> {
  const emu = new SlackEmulator({
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    ...(options.now ? { now: options.now } : {}),
  });
  await emu.start();
  const bot = await startBot(emu, options);
  emu.setBotUrl(`${bot.botUrl}/slack/events`);
  return {
    ...bot,
    emu,
    async close() {
      await bot.close();
      await emu.stop();
    },
  };
}
