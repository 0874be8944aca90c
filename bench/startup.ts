/**
 * Start-up: process start → `/healthz` answers 200, for the bot in HTTP mode. The target is the
 * bot's own process as `npm start` runs it (`node --import tsx/esm src/main.ts`); `npm start` itself
 * (npm's own start-up on top) and one esbuild bundle run by plain node (what a build step would
 * buy; esbuild comes with tsx) are measured for comparison.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, stopTarget, targetEnv, waitHealthy } from './targets.ts';

export interface StartupResult {
  /** `npm start`, npm included, ms per attempt. */
  npmStart: number[];
  /** `node --import tsx/esm src/main.ts` (what `npm start` runs), ms per attempt. */
  nodeImportTsx: number[];
  /** `node <bundle>.mjs` (esbuild, packages external); empty when esbuild is not installed. */
  bundled: number[];
}

/** Bundles src/main.ts where `../prompts/` still resolves; returns its path, or null. */
async function bundle(): Promise<string | null> {
  try {
    const esbuild = await import('esbuild');
    const dir = resolve('bench/results/startup-bundle');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(`${dir}/src`, { recursive: true });
    symlinkSync(resolve('prompts'), `${dir}/prompts`);
    const outfile = `${dir}/src/main.mjs`;
    await esbuild.build({
      entryPoints: ['src/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    });
    symlinkSync(resolve('node_modules'), `${dir}/node_modules`);
    return outfile;
  } catch {
    return null;
  }
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
  const result: StartupResult = { npmStart: [], nodeImportTsx: [], bundled: [] };
  const bundled = await bundle();
  for (let i = 0; i < attempts; i += 1) {
    if (bundled) result.bundled.push(await once(apiUrl, process.execPath, [bundled]));
    result.npmStart.push(await once(apiUrl, 'npm', ['start', '--silent']));
    result.nodeImportTsx.push(
      await once(apiUrl, process.execPath, ['--import', 'tsx/esm', 'src/main.ts']),
    );
  }
  return result;
}
