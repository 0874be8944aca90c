import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/** Whether `redis-server` is on PATH; Redis tests skip (saying why) when it is not. */
export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;
export const NO_REDIS_REASON =
  'redis-server is not on PATH (apt-get install redis-server); skipping the Redis tests';
if (!HAS_REDIS_SERVER) {
  // .ci/run installs it: in CI a missing binary is a broken setup, not a reason to skip.
  if (process.env.CI) throw new Error('redis-server is required in CI (.ci/run installs it)');
  process.stderr.write(`${NO_REDIS_REASON}\n`);
}

export interface RedisServer {
  port: number;
  url: string;
  /** A fresh client (on database `db`, default 0); closed by stop(). */
  client(options?: { db?: number }): Redis;
  /** SIGKILL, like a crash: no shutdown save. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A loopback port nobody listened on a moment ago (redis-server cannot pick one itself). */
async function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A redis-server of the test's own, on a free loopback port, in a temp directory. `durable`
 * turns on the append-only file (fsync on every write) so data survives kill() + restart().
 *
 * redis-server cannot listen on port 0 and say which port it got (0 turns TCP off), so the
 * port is picked first; if another process takes it in between, redis-server says so when it
 * fails to bind and a new port is tried. restart() reuses the port the server last had.
 */
export async function startRedisServer(options: { durable?: boolean } = {}): Promise<RedisServer> {
  let port = await unusedPort();
  const dir = mkdtempSync(join(tmpdir(), 'cp-redis-'));
  const args = () => [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--dir',
    dir,
    ...(options.durable
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no']),
  ];
  let child: ChildProcess | undefined;
  const clients: Redis[] = [];

  const launch = async () => {
    const started = spawn('redis-server', args(), { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start: ${out}`)),
        10_000,
      );
      started.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${out}`));
      });
    });
  };
  const exit = async (signal: NodeJS.Signals) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };

  for (let attempt = 1; ; attempt += 1) {
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 5 || !/Address already in use/i.test(String(error))) throw error;
      port = await unusedPort();
    }
  }
  return {
    get port() {
      return port;
    },
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    client({ db = 0 } = {}) {
      const c = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1, db });
      c.on('error', () => {});
      clients.push(c);
      return c;
    },
    kill: () => exit('SIGKILL'),
    restart: launch,
    async stop() {
      for (const c of clients) c.disconnect();
      await exit('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One redis-server for the calling suite: started before its tests, stopped after them. */
export function redisServerForSuite(): () => RedisServer {
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return () => {
    if (!redis) throw new Error('the suite’s redis-server is not running');
    return redis;
  };
}
