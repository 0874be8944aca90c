/**
 * `npm run bench`: the bot (HTTP mode) and two bare Bolt baselines (B0 acks only, B1 acks and
 * posts one small message) against the in-repo Slack emulator, driven in turns in the same run;
 * then memory per user and start-up. Prints a table and writes bench/results/<timestamp>.json.
 * `--smoke` (or BENCH_SMOKE=1): a few seconds, to prove it still works; no timings asserted.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { SlackEmulator } from '../src/playground/emulator/index.ts';
import { LoadDriver, type SliceResult } from './load.ts';
import type { MemoryResult } from './memory.ts';
import { figures, render, verdicts } from './report.ts';
import { measureStartup } from './startup.ts';
import {
  BOT_TOKEN,
  rssBytes,
  SIGNING_SECRET,
  startTarget,
  stopTarget,
  type Target,
  type TargetName,
} from './targets.ts';

const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const plan = smoke
  ? { rounds: 1, sliceMs: 1_000, warmupMs: 300, memoryUsers: 2_000, startupAttempts: 1 }
  : { rounds: 3, sliceMs: 8_000, warmupMs: 3_000, memoryUsers: 100_000, startupAttempts: 3 };
const CONCURRENCY = 50;
const ORDER: TargetName[] = ['bot', 'B0', 'B1'];
/** BENCH_COMPARE=<another checkout with node_modules>: its bot runs too, as `bot@before`. */
const compare = process.env.BENCH_COMPARE;
if (compare) ORDER.push('bot@before');

function runMemory(users: number): Promise<MemoryResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/memory.ts', String(users)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`memory bench exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim()) as MemoryResult);
      } catch (error) {
        reject(error);
      }
    });
  });
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const load = [loadavg()[0] ?? 0];
  const emu = new SlackEmulator({
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    users: [],
    maxCalls: 1_000,
    deliveryAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 }),
  });
  await emu.start();
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

  log(`start-up, ${plan.startupAttempts} attempt(s) each`);
  const startup = await measureStartup(emu.apiUrl, plan.startupAttempts);

  const targets: Target[] = [];
  for (const name of ORDER) {
    targets.push(
      await startTarget(name, emu.apiUrl, [], name === 'bot@before' ? compare : undefined),
    );
  }
  const driver = new LoadDriver(emu, CONCURRENCY);
  const slices: SliceResult[] = [];
  let botRss = Number.NaN;
  try {
    for (const target of targets) {
      log(`warm-up ${target.name} ${plan.warmupMs} ms`);
      await driver.run(target, plan.warmupMs);
    }
    for (let round = 0; round < plan.rounds; round += 1) {
      // Rotate the order so no target always runs right after the same one.
      const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
      for (const target of order) {
        log(`round ${round + 1}/${plan.rounds}: ${target.name} ${plan.sliceMs} ms`);
        slices.push(await driver.run(target, plan.sliceMs));
      }
    }
    botRss = rssBytes(targets[0]?.child.pid);
  } finally {
    for (const target of targets) await stopTarget(target);
    await emu.stop();
  }
  load.push(loadavg()[0] ?? 0);

  log(`memory, ${plan.memoryUsers.toLocaleString('en')} users`);
  const memory = await runMemory(plan.memoryUsers);
  load.push(loadavg()[0] ?? 0);

  const all = ORDER.map((name) => figures(name, slices));
  const [bot, , b1] = all;
  if (!bot || !b1) throw new Error('missing figures');
  const v = verdicts(bot, b1, memory, startup);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage1m: load,
  };
  process.stdout.write(`\n${render(all, memory, startup, v)}\n`);
  process.stdout.write(
    `machine: ${machine.cpus} cores (${machine.cpuModel}), node ${machine.node}; ` +
      `1-min load average during the run: ${load.map((l) => l.toFixed(2)).join(' → ')}\n`,
  );
  const result = {
    startedAt: startedAt.toISOString(),
    smoke,
    plan: { ...plan, concurrency: CONCURRENCY },
    machine,
    targets: all,
    users: Object.fromEntries(ORDER.map((n) => [n, driver.users(n)])),
    botRssAfterLoad: botRss,
    memory,
    startup,
    verdicts: v,
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${startedAt.toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`wrote ${file}\n`);
  if (smoke) {
    // A smoke run proves the bench works, not how fast: it fails only if nothing got through.
    const broken = all.filter(
      (f) => f.requests === 0 || (f.target !== 'B0' && f.replyP50 === null),
    );
    if (broken.length > 0) {
      throw new Error(
        `smoke: no traffic got through for ${broken.map((f) => f.target).join(', ')}`,
      );
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
