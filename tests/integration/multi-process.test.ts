import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/harness.ts';
import { type LoadBalancer, startLoadBalancer } from '../support/load-balancer.ts';
import { boundPort } from '../support/process-port.ts';
import {
  HAS_REDIS_SERVER,
  NO_REDIS_REASON,
  type RedisServer,
  startRedisServer,
} from '../support/redis-server.ts';

// The real thing: `src/main.ts` as separate OS processes with STATE_STORE_URL, behind a
// round-robin load balancer, sharing one redis-server and one emulator.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ALICE = 'U0ALICE';

interface BotProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM (a release) and the exit code. */
  stop(): Promise<number | null>;
}

async function startProcess(emu: SlackEmulator, redisUrl: string): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', 'src/main.ts'], {
    cwd: ROOT,
    // Explicit empties: a developer's .env must not switch these processes to Socket Mode.
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: emu.apiUrl,
      // The process binds any free port and logs which (at info).
      PORT: '0',
      LOG_LEVEL: 'info',
      STATE_STORE_URL: redisUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  let port: number | undefined;
  await expect
    .poll(
      () => {
        if (child.exitCode !== null) throw new Error(`bot exited ${child.exitCode}: ${out}`);
        port = boundPort(out);
        return port ?? 0;
      },
      { timeout: 15_000, interval: 50 },
    )
    .toBeGreaterThan(0);
  const url = `http://127.0.0.1:${port}`;
  // Up means answering /healthz at all (200 or 503), not necessarily with Redis reachable.
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`bot exited ${child.exitCode}: ${out}`);
        return fetch(`${url}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 15_000, interval: 100 },
    )
    .toBeGreaterThan(0);
  return {
    url,
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

const healthOf = async (p: BotProcess) => {
  const r = await fetch(`${p.url}/healthz`);
  return { status: r.status, body: (await r.json()) as unknown };
};

describe.skipIf(!HAS_REDIS_SERVER)(
  `bot processes sharing one Redis${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    let redis: RedisServer | undefined;
    let emu: SlackEmulator;
    let lb: LoadBalancer | undefined;
    const processes: BotProcess[] = [];

    beforeEach(async () => {
      emu = new SlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
      await emu.start();
    });
    afterEach(async () => {
      for (const p of processes.splice(0)) await p.stop();
      await lb?.close();
      await emu.stop();
      await redis?.stop();
    });

    it('a conversation moves between processes and survives a rolling restart', async () => {
      redis = await startRedisServer();
      const p1 = await startProcess(emu, redis.url);
      const p2 = await startProcess(emu, redis.url);
      processes.push(p1, p2);
      lb = await startLoadBalancer([p1.url, p2.url]);
      emu.setBotUrl(`${lb.url}/slack/events`);
      const alice = new DmDriver(emu, ALICE);

      await alice.expectCall(
        () => emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
        'chat.postMessage',
      );
      await alice.choose(1);
      await alice.choose(0);
      expect(alice.read()).toContain('Step 3 of 10');

      // Release: p1 stops cleanly, p3 takes its place.
      expect(await p1.stop()).toBe(0);
      processes.splice(processes.indexOf(p1), 1);
      const p3 = await startProcess(emu, redis.url);
      processes.push(p3);
      lb.targets = [p2.url, p3.url];

      await alice.finish();
      expect(alice.isSummary()).toBe(true);
      for (const p of [p1, p2, p3]) expect(lb.hits.get(p.url)).toBeGreaterThan(0);
      expect(await healthOf(p3)).toEqual({ status: 200, body: { ok: true, store: 'redis' } });
    }, 60_000); // a hang guard: three processes start in turn, slow on a busy machine

    it('starts even while Redis is down, says so on /healthz, and connects once Redis is up', async () => {
      // A port a redis-server had a moment ago, with nothing listening on it now.
      redis = await startRedisServer();
      await redis.kill();
      const { port } = redis;
      const p = await startProcess(emu, redis.url);
      processes.push(p);
      expect(await healthOf(p)).toEqual({ status: 503, body: { ok: false, store: 'unreachable' } });
      await redis.restart();
      await expect
        .poll(() => healthOf(p), { timeout: 10_000, interval: 200 })
        .toEqual({ status: 200, body: { ok: true, store: 'redis' } });
      expect(p.child.exitCode).toBeNull();
      // The only thing logged about it is a warning with no URL (it could hold a password).
      expect(p.output()).toMatch(/redis is not reachable yet/);
      expect(p.output()).not.toContain(`127.0.0.1:${port}`);
    });
  },
);
