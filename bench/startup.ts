/**
 * Start-up: process start → `/healthz` answers 200, for the bot in HTTP mode. Measured the way
 * `npm start` runs it (the tsx CLI, which starts a second node process), with tsx as an
 * in-process loader (`node --import tsx`, what the bench runs), and, for comparison, as one
 * esbuild bundle run by plain node (what a build step would buy; esbuild comes with tsx).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, stopTarget, targetEnv, waitHealthy } from './targets.ts';

export interface StartupResult {
  /** `tsx src/main.ts` (npm start), ms per attempt. */
  tsxCli: number[];
  /** `node --import tsx src/main.ts`, ms per attempt. */
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
  const child = spawn(command, args, {
    env: targetEnv(apiUrl, port),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    return await waitHealthy(url, started, child);
  } finally {
    await stopTarget({ name: 'bot', url, child });
  }
}

export async function measureStartup(apiUrl: string, attempts: number): Promise<StartupResult> {
  const result: StartupResult = { tsxCli: [], nodeImportTsx: [], bundled: [] };
  const bundled = await bundle();
  for (let i = 0; i < attempts; i += 1) {
    if (bundled) result.bundled.push(await once(apiUrl, process.execPath, [bundled]));
    result.tsxCli.push(await once(apiUrl, 'node_modules/.bin/tsx', ['src/main.ts']));
    result.nodeImportTsx.push(
      await once(apiUrl, process.execPath, ['--import', 'tsx', 'src/main.ts']),
    );
  }
  return result;
}
