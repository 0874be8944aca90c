/** Starting the processes under test and reading what they cost the machine. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';

export const SIGNING_SECRET = 'be0c0123456789abcdef0123456789ab';
export const BOT_TOKEN = 'xoxb-bench-token';

/** `bot@<label>`: the bot from another checkout (BENCH_COMPARE), to measure a change in one run. */
export type TargetName = 'bot' | 'B0' | 'B1' | `bot@${string}`;

export const isBot = (name: TargetName) => name === 'bot' || name.startsWith('bot@');

export interface Target {
  name: TargetName;
  /** `http://127.0.0.1:<port>` */
  url: string;
  child: ChildProcess;
}

/** A port the kernel says is free right now (loopback only). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls `/healthz` until it answers 200; resolves with ms since `startedAt`. */
export async function waitHealthy(
  url: string,
  startedAt: number,
  child: ChildProcess,
  timeoutMs = 20_000,
): Promise<number> {
  while (performance.now() - startedAt < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited (${child.exitCode})`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return performance.now() - startedAt;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms`);
}

/** Command line for each target; all run under the same tsx loader so the comparison is fair. */
export function commandFor(name: TargetName): string[] {
  if (isBot(name)) return ['--import', 'tsx/esm', 'src/main.ts'];
  return ['--import', 'tsx/esm', 'bench/baselines/baseline-app.ts', name];
}

export function targetEnv(apiUrl: string, port: number, extra: Record<string, string> = {}) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: String(port),
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export async function startTarget(
  name: TargetName,
  apiUrl: string,
  nodeArgs: string[] = [],
  cwd?: string,
): Promise<Target> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, ...commandFor(name)], {
    env: targetEnv(apiUrl, port),
    ...(cwd ? { cwd } : {}),
    // Logs go where production sends them (stdout) but are not kept: pino's JSON lines still cost.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitHealthy(url, startedAt, child);
  return { name, url, child };
}

export async function stopTarget(target: Target): Promise<void> {
  const { child } = target;
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) the process has used so far, from /proc (Linux). */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size in bytes, from /proc (Linux). */
export function rssBytes(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
