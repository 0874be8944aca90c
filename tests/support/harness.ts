import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { Engine } from '../../src/engine/index.ts';
import { newSessionId } from '../../src/ids.ts';
import { loadContent } from '../../src/load-content.ts';
import { createLogger } from '../../src/logger.ts';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import type { SlackDeps } from '../../src/slack/deps.ts';
import { type DedupeStore, MemoryStore, type StateStore } from '../../src/store/index.ts';

export const SIGNING_SECRET = 'abcdef0123456789abcdef0123456789';
export const BOT_TOKEN = 'xoxb-test-token';

export interface Harness {
  emu: SlackEmulator;
  slack: SlackApp;
  deps: SlackDeps;
  /** Everything the bot logged, as raw JSON lines. */
  logs(): string;
  botUrl: string;
  close(): Promise<void>;
}

const content = loadContent();

/** The real Bolt app on a loopback port, its Web API answered by the emulator over real HTTP. */
export async function startHarness(
  options: { store?: StateStore; now?: () => number; logLevel?: string; dedupe?: DedupeStore } = {},
): Promise<Harness> {
  const emu = new SlackEmulator({
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    ...(options.now ? { now: options.now } : {}),
  });
  await emu.start();
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (chunk: Buffer) => {
    logged += chunk.toString('utf8');
  });
  const deps: SlackDeps = {
    engine: new Engine(content),
    store: options.store ?? new MemoryStore({ maxUsers: 1000, ttlMs: 86_400_000 }),
    logger: createLogger({ level: options.logLevel ?? 'trace', destination: stream }),
    now: options.now ?? Date.now,
    newId: newSessionId,
    ...(options.dedupe ? { dedupe: options.dedupe } : {}),
  };
  const slack = createSlackApp({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: emu.apiUrl,
    deps,
  });
  const server = await slack.start(0);
  if (!server) throw new Error('the HTTP receiver did not start');
  const port = (server.address() as AddressInfo).port;
  const botUrl = `http://127.0.0.1:${port}`;
  emu.setBotUrl(`${botUrl}/slack/events`);
  return {
    emu,
    slack,
    deps,
    botUrl,
    logs: () => logged,
    async close() {
      await slack.stop();
      await emu.stop();
    },
  };
}
