import { PassThrough } from 'node:stream';
import { Engine } from '../../src/engine/index.ts';
import { newSessionId } from '../../src/ids.ts';
import { loadContent } from '../../src/load-content.ts';
import { createLogger } from '../../src/logger.ts';
import { type PlaygroundHandle, startPlayground } from '../../src/playground/start-playground.ts';
import type { SlackDeps } from '../../src/slack/deps.ts';
import { MemoryStore } from '../../src/store/index.ts';

const content = loadContent();

export interface TestPlayground extends PlaygroundHandle {
  deps: SlackDeps;
  /** What startPlayground printed. */
  printed: string[];
  /** Everything the bot logged, as raw JSON lines. */
  logs(): string;
}

/** The whole playground (page, emulator, real bot) on free loopback ports, as `npm start` runs it. */
export async function startTestPlayground(): Promise<TestPlayground> {
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (chunk: Buffer) => {
    logged += chunk.toString('utf8');
  });
  const deps: SlackDeps = {
    engine: new Engine(content),
    store: new MemoryStore({ maxUsers: 1000, ttlMs: 86_400_000 }),
    logger: createLogger({ level: 'info', destination: stream }),
    now: Date.now,
    newId: newSessionId,
  };
  const printed: string[] = [];
  const handle = await startPlayground({ port: 0, deps, print: (line) => printed.push(line) });
  return { ...handle, deps, printed, logs: () => logged };
}
