/**
 * Start-up: process start → `/healthz` answers 200, for the bot in HTTP mode. Measured both the
 * way `npm start` runs it (the tsx CLI, which starts a second node process) and with tsx as an
 * in-process loader (`node --import tsx`, what the bench runs).
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { freePort, stopTarget, targetEnv, waitHealthy } from './targets.ts';

export interface StartupResult {
  /** `tsx src/main.ts` (npm start), ms per attempt. */
  tsxCli: number[];
  /** `node --import tsx src/main.ts`, ms per attempt. */
  nodeImportTsx: number[];
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
  const result: StartupResult = { tsxCli: [], nodeImportTsx: [] };
  for (let i = 0; i < attempts; i += 1) {
    result.tsxCli.push(await once(apiUrl, 'node_modules/.bin/tsx', ['src/main.ts']));
    result.nodeImportTsx.push(
      await once(apiUrl, process.execPath, ['--import', 'tsx', 'src/main.ts']),
    );
  }
  return result;
}
