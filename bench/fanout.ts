/**
 * `npm run bench:fanout`: check-in fan-out across many installations. WORKSPACES (100) ×
 * USERS (200) users, all due at the same minute, sent by two bot instances (OAuth mode) that
 * share one redis-server (state, schedule, installations encrypted, per-workspace pace), answered
 * by the in-repo emulator. Reports: every check-in delivered exactly once, no workspace above its
 * pace, total time against what the pace allows (the ratio), memory per installation.
 * INTERVAL_MS (1000, about Slack's real per-workspace budget) is the gap between two posts to one
 * workspace, so a default run takes a little over 200 s. Writes bench/results/fanout-<timestamp>.json. Run it alone: the
 * machine's other work skews every number.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { PassThrough } from 'node:stream';
import { Engine, optIn } from '../src/engine/index.ts';
import { newSessionId } from '../src/ids.ts';
import { loadContent } from '../src/load-content.ts';
import { createLogger } from '../src/logger.ts';
import { SlackEmulator } from '../src/playground/emulator/index.ts';
import { createSlackApp, type SlackApp } from '../src/slack/app.ts';
import { InstallationCodec, KeyedInstallationStore, type UserKey } from '../src/store/index.ts';
import {
  RedisInstallationRows,
  RedisPaceStore,
  RedisScheduleStore,
  RedisStore,
} from '../src/store/redis/index.ts';
import { SIGNING_SECRET } from '../tests/support/harness.ts';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  installThrough,
  SCOPES,
  STATE_SECRET,
} from '../tests/support/oauth-harness.ts';
import { startRedisServer } from '../tests/support/redis-server.ts';

const WORKSPACES = Number(process.env.WORKSPACES ?? 100);
const USERS = Number(process.env.USERS ?? 200);
const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 1000);
const KEY = Buffer.alloc(32, 42);

const teamId = (w: number) => `T${String(w).padStart(4, '0')}`;
const userId = (w: number, u: number) =>
  `U${String(w).padStart(4, '0')}X${String(u).padStart(4, '0')}`;

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

async function main() {
  const redis = await startRedisServer();
  const emu = new SlackEmulator({
    signingSecret: SIGNING_SECRET,
    botToken: 'xoxb-unused',
    oauth: {
      client: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      workspaces: Array.from({ length: WORKSPACES }, (_, w) => ({
        teamId: teamId(w),
        name: `Workspace ${w}`,
        users: Array.from({ length: USERS }, (_, u) => userId(w, u)),
      })),
    },
  });
  await emu.start();
  const content = loadContent();
  const clients: { disconnect(): void }[] = [];
  const bot = async (): Promise<{ slack: SlackApp; url: string }> => {
    const client = redis.client();
    clients.push(client);
    const slack = createSlackApp({
      oauth: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        stateSecret: STATE_SECRET,
        scopes: SCOPES,
        installations: new KeyedInstallationStore(
          new RedisInstallationRows(client),
          new InstallationCodec(KEY),
        ),
      },
      signingSecret: SIGNING_SECRET,
      apiUrl: emu.apiUrl,
      deps: {
        engine: new Engine(content),
        store: new RedisStore(client, { ttlMs: 86_400_000 }),
        schedule: new RedisScheduleStore(client),
        pacer: new RedisPaceStore(client),
        logger: createLogger({ level: 'warn', destination: new PassThrough() }),
        now: Date.now,
        newId: newSessionId,
      },
    });
    const server = await slack.start(0);
    if (!server) throw new Error('the HTTP receiver did not start');
    return { slack, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const [a, b] = [await bot(), await bot()];
  if (!a || !b || !emu.oauth) throw new Error('bots did not start');
  emu.oauth.client.redirectUri = `${a.url}/slack/oauth_redirect`;

  // Install every workspace through the real flow, on instance A.
  const heapBefore = heap();
  for (let w = 0; w < WORKSPACES; w += 1) {
    const r = await installThrough(a.url, { team: teamId(w) });
    if (r.status !== 200) throw new Error(`install ${w} failed: ${r.status}`);
  }
  const heapInstalled = heap();
  const redisClient = redis.client();
  clients.push(redisClient);
  const installBytes = Number(
    (await redisClient.call('MEMORY', 'USAGE', 'cp:v1:installations')) ?? 0,
  );

  // Everyone due at the same minute (a minute ago), their DM already known.
  const seedClient = redis.client();
  clients.push(seedClient);
  const store = new RedisStore(seedClient, { ttlMs: 86_400_000 });
  const schedule = new RedisScheduleStore(seedClient);
  const due = Date.now() - 60_000;
  const prefs = { ...optIn(due - 8 * 86_400_000, 'UTC'), next: due };
  const seeds: Promise<void>[] = [];
  for (let w = 0; w < WORKSPACES; w += 1) {
    for (let u = 0; u < USERS; u += 1) {
      const key: UserKey = { teamId: teamId(w), userId: userId(w, u) };
      seeds.push(
        store
          .set(key, { session: null, dm: key.userId, checkin: prefs })
          .then(() => schedule.setDue(key, due)),
      );
      if (seeds.length >= 500) await Promise.all(seeds.splice(0));
    }
  }
  await Promise.all(seeds);

  const total = WORKSPACES * USERS;
  const seq = emu.calls.length;
  const started = Date.now();
  const tuning = { sendIntervalMs: INTERVAL_MS, pollMs: 250, batchSize: 50 };
  a.slack.startCheckins(tuning);
  b.slack.startCheckins(tuning);
  const posts = () => emu.calls.slice(seq).filter((c) => c.method === 'chat.postMessage' && c.ok);
  const deadline = started + Math.max(120_000, USERS * INTERVAL_MS * 4);
  while (posts().length < total && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const elapsed = Date.now() - started;
  // Anything late (a second send) would show up here.
  await new Promise((r) => setTimeout(r, 1_000));
  const sent = posts();
  const heapAfter = heap();

  const perUser = new Map<string, number>();
  const perTeam = new Map<string, number[]>();
  for (const c of sent) {
    const who = `${c.team}:${String(c.args.channel)}`;
    perUser.set(who, (perUser.get(who) ?? 0) + 1);
    perTeam.set(c.team ?? '?', [...(perTeam.get(c.team ?? '?') ?? []), c.at]);
  }
  const duplicates = [...perUser.values()].filter((n) => n > 1).length;
  // Pace: in any window of 10 intervals a workspace gets at most 10 posts (+1 for the edge),
  // measured at the emulator, so network jitter between two instances is included.
  const window = 10 * INTERVAL_MS;
  let worstWindow = 0;
  let minGap = Number.POSITIVE_INFINITY;
  for (const times of perTeam.values()) {
    times.sort((x, y) => x - y);
    let lo = 0;
    for (let hi = 0; hi < times.length; hi += 1) {
      while ((times[hi] as number) - (times[lo] as number) >= window) lo += 1;
      worstWindow = Math.max(worstWindow, hi - lo + 1);
      if (hi > 0) minGap = Math.min(minGap, (times[hi] as number) - (times[hi - 1] as number));
    }
  }
  const allowed = (USERS - 1) * INTERVAL_MS;
  const lastPost = Math.max(...sent.map((c) => c.at));
  const result = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      load1: loadavg()[0],
      node: process.version,
    },
    plan: {
      workspaces: WORKSPACES,
      usersPerWorkspace: USERS,
      intervalMs: INTERVAL_MS,
      instances: 2,
    },
    delivered: sent.length,
    expected: total,
    uniqueUsers: perUser.size,
    duplicates,
    workspacesServed: perTeam.size,
    paceWindowMs: window,
    worstPostsInWindow: worstWindow,
    paceBudgetInWindow: 11,
    minGapMs: minGap,
    totalMs: lastPost - started,
    paceAllowsMs: allowed,
    ratio: Number(((lastPost - started) / allowed).toFixed(2)),
    waitedMs: elapsed,
    memory: {
      // Installations live in Redis: what installing leaves in the bots' heap, per installation.
      heapBytesPerInstallationInstalled: Math.round((heapInstalled - heapBefore) / WORKSPACES),
      // After the fan-out: every user's check-in sent, one Web API client per workspace token in
      // each bot, and the emulator's record of every call (in the same process; not the bot's).
      heapBytesPerInstallationAfterFanout: Math.round((heapAfter - heapBefore) / WORKSPACES),
      redisBytesPerInstallation: Math.round(installBytes / WORKSPACES),
    },
  };
  const ok =
    result.delivered === total && duplicates === 0 && worstWindow <= result.paceBudgetInWindow;
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n${ok ? 'OK' : 'NOT OK'}\n`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/fanout-${Date.now()}.json`, `${JSON.stringify(result, null, 2)}\n`);
  await a.slack.stop(0);
  await b.slack.stop(0);
  for (const c of clients) c.disconnect();
  await emu.stop();
  await redis.stop();
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
