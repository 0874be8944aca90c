/**
 * Profiles one target under the bench's load: `node --import tsx bench/profile.ts [bot|B0|B1]
 * [seconds] [--heap]`. Writes a .cpuprofile (or .heapprofile) into bench/results/ to open in
 * Chrome DevTools; prints the hottest functions by self time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { SlackEmulator } from '../src/playground/emulator/index.ts';
import { LoadDriver } from './load.ts';
import { BOT_TOKEN, SIGNING_SECRET, startTarget, stopTarget, type TargetName } from './targets.ts';

const name = (process.argv[2] ?? 'bot') as TargetName;
const seconds = Number(process.argv[3] ?? 10);
const heap = process.argv.includes('--heap');
const dir = 'bench/results';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

function hottest(file: string): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const where = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([k, n]) => `${((100 * n) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
}

const emu = new SlackEmulator({
  signingSecret: SIGNING_SECRET,
  botToken: BOT_TOKEN,
  users: [],
  maxCalls: 1_000,
  deliveryAgent: new Agent({ keepAlive: true, maxSockets: 100 }),
});
await emu.start();
const before = new Set(readdirSync(dir));
const flags = heap
  ? ['--heap-prof', `--heap-prof-dir=${dir}`]
  : ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200'];
const target = await startTarget(name, emu.apiUrl, flags);
const driver = new LoadDriver(emu, 50);
await driver.run(target, 2_000);
const slice = await driver.run(target, seconds * 1000);
await stopTarget(target);
await emu.stop();
const file = readdirSync(dir).find((f) => !before.has(f));
process.stdout.write(
  `${name}: ${((slice.requests * 1000) / slice.ms).toFixed(0)} req/s, ${(slice.targetCpuMs / slice.requests).toFixed(2)} cpu ms/req; profile: ${dir}/${file}\n`,
);
if (file && !heap) process.stdout.write(`${hottest(`${dir}/${file}`)}\n`);
process.exit(0);
