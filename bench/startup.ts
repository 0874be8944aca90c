/**
 * Start-up: process start → `/healthz` answers 200, for the bot in HTTP mode. The target is the
 * bot's own process as `npm start` runs it (`node src/start.mjs`: the esbuild bundle in dist/,
 * already fresh). For comparison: the first start after a change (the launcher rebuilds the
 * bundle first), `npm start` itself (npm's own start-up on top) and src/main.ts run through
 * tsx's loader, which is how `npm start` ran before the launcher.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, stopTarget, targetEnv, waitHealthy } from './targets.ts';

export interface StartupResult {
  /** `node src/start.mjs` with a fresh bundle (what `npm start` runs), ms per attempt. */
  launcher: number[];
  /** The same with no bundle yet: esbuild's build included, ms per attempt. */
  firstStart: number[];
  /** `npm start`, npm included, ms per attempt. */
  npmStart: number[];
  /** `node --import tsx/esm src/main.ts`, ms per attempt. */
  tsx: number[];
}

async function once(apiUrl: string, command: string, args: string[]): Promise<number> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // Its own process group, so the bot that npm starts is stopped with it.
  const child = spawn(command, args, {
    env: targetEnv(apiUrl, port),
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    return await waitHealthy(url, started, child);
  } finally {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await stopTarget({ name: 'bot', url, child });
  }
}

export async function measureStartup(apiUrl: string, attempts: number): Promise<StartupResult> {
  const result: StartupResult = { launcher: [], firstStart: [], npmStart: [], tsx: [] };
  const launcher = [resolve('src/start.mjs')];
  for (let i = 0; i < attempts; i += 1) {
    rmSync(resolve('dist'), { recursive: true, force: true });
    result.firstStart.push(await once(apiUrl, process.execPath, launcher));
    result.launcher.push(await once(apiUrl, process.execPath, launcher));
    result.npmStart.push(await once(apiUrl, 'npm', ['start', '--silent']));
    result.tsx.push(await once(apiUrl, process.execPath, ['--import', 'tsx/esm', 'src/main.ts']));
  }
  return result;
}
