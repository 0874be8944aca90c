/** Turns raw slices into the figures the issue asks for, and prints them as a compact table. */
import type { SliceResult } from './load.ts';
import type { MemoryResult } from './memory.ts';
import type { StartupResult } from './startup.ts';
import type { TargetName } from './targets.ts';

export interface TargetFigures {
  target: TargetName;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  ackP50: number;
  ackP99: number;
  replyP50: number | null;
  replyP99: number | null;
  /** Reply to a user's first command: first contact (the bot opens the DM with conversations.open). */
  firstReplyP50: number | null;
  firstReplyP99: number | null;
  laterReplyP99: number | null;
  /** CPU the target used per request: the cost of a request independent of the load generator. */
  cpuMsPerRequest: number;
  /** Share of one core the target used while driven. */
  targetCpuShare: number;
  driverCpuShare: number;
  finishedConversations: number;
  errors: Record<string, number>;
}

export interface Verdicts {
  throughputVsB1: { ratio: number; target: string; met: boolean };
  replyP99VsB1: { ratio: number; target: string; met: boolean };
  bytesPerUserMidway: { value: number; target: string; met: boolean };
  startupMs: { value: number; target: string; met: boolean };
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
}

export function median(values: number[]): number {
  return percentile(values, 0.5);
}

export function figures(target: TargetName, slices: SliceResult[]): TargetFigures {
  const mine = slices.filter((s) => s.target === target);
  const ms = mine.reduce((n, s) => n + s.ms, 0);
  const requests = mine.reduce((n, s) => n + s.requests, 0);
  const ack = mine.flatMap((s) => s.ackMs);
  const reply = mine.flatMap((s) => s.replyMs);
  const first = mine.flatMap((s) => s.firstReplyMs ?? []);
  const later = mine.flatMap((s) => s.laterReplyMs ?? []);
  const cpu = mine.reduce((n, s) => n + s.targetCpuMs, 0);
  const driver = mine.reduce((n, s) => n + s.driverCpuMs, 0);
  const errors: Record<string, number> = {};
  for (const s of mine)
    for (const [k, v] of Object.entries(s.errors)) errors[k] = (errors[k] ?? 0) + v;
  return {
    target,
    seconds: ms / 1000,
    requests,
    requestsPerSecond: (requests * 1000) / ms,
    ackP50: percentile(ack, 0.5),
    ackP99: percentile(ack, 0.99),
    replyP50: reply.length ? percentile(reply, 0.5) : null,
    replyP99: reply.length ? percentile(reply, 0.99) : null,
    firstReplyP50: first.length ? percentile(first, 0.5) : null,
    firstReplyP99: first.length ? percentile(first, 0.99) : null,
    laterReplyP99: later.length ? percentile(later, 0.99) : null,
    cpuMsPerRequest: cpu / requests,
    targetCpuShare: cpu / ms,
    driverCpuShare: driver / ms,
    finishedConversations: mine.reduce((n, s) => n + s.finished, 0),
    errors,
  };
}

export function verdicts(
  bot: TargetFigures,
  b1: TargetFigures,
  memory: MemoryResult,
  startup: StartupResult,
): Verdicts {
  const throughput = bot.requestsPerSecond / b1.requestsPerSecond;
  const reply = (bot.replyP99 ?? Number.NaN) / (b1.replyP99 ?? Number.NaN);
  const startupMs = median(startup.launcher);
  // The stricter of RSS and heap growth: either way is what 100k held conversations cost.
  const perUser = Math.max(memory.perUserMidway.rss, memory.perUserMidway.heap);
  return {
    throughputVsB1: { ratio: throughput, target: '>= 0.9', met: throughput >= 0.9 },
    replyP99VsB1: { ratio: reply, target: '<= 1.2', met: reply <= 1.2 },
    bytesPerUserMidway: { value: perUser, target: '<= 2048', met: perUser <= 2048 },
    startupMs: { value: startupMs, target: '< 1000', met: startupMs < 1000 },
  };
}

const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '-' : v.toFixed(1));
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : '-');
const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;
const mark = (met: boolean) => (met ? 'met' : 'MISSED');

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))))
    .map((r) => r.join('  '))
    .join('\n');
}

export function render(
  all: TargetFigures[],
  memory: MemoryResult,
  startup: StartupResult,
  v: Verdicts,
): string {
  const byName = new Map(all.map((f) => [f.target, f]));
  const bot = byName.get('bot') as TargetFigures;
  const rows: string[][] = [
    ['', 'req/s', 'ack p50', 'ack p99', 'reply p50', 'reply p99', 'cpu ms/req', 'errors'],
    ...all.map((f) => [
      f.target,
      f.requestsPerSecond.toFixed(0),
      ms(f.ackP50),
      ms(f.ackP99),
      ms(f.replyP50),
      ms(f.replyP99),
      f.cpuMsPerRequest.toFixed(2),
      String(Object.values(f.errors).reduce((n, e) => n + e, 0)),
    ]),
  ];
  for (const base of ['B1', 'B0', 'bot@before'] as const) {
    const b = byName.get(base);
    if (!b) continue;
    rows.push([
      `bot/${base}`,
      x(bot.requestsPerSecond / b.requestsPerSecond),
      x(bot.ackP50 / b.ackP50),
      x(bot.ackP99 / b.ackP99),
      b.replyP50 === null ? '-' : x((bot.replyP50 ?? 0) / b.replyP50),
      b.replyP99 === null ? '-' : x((bot.replyP99 ?? 0) / b.replyP99),
      x(bot.cpuMsPerRequest / b.cpuMsPerRequest),
      '',
    ]);
  }
  const m = memory;
  const b1 = byName.get('B1');
  const firstContact =
    `first contact (reply to a user's first /career-path) p50 / p99: ` +
    all
      .filter((f) => f.firstReplyP50 !== null)
      .map((f) => `${f.target} ${ms(f.firstReplyP50)} / ${ms(f.firstReplyP99)}`)
      .join('; ') +
    (b1?.firstReplyP50 && bot.firstReplyP50 !== null
      ? `; bot/B1 ${x(bot.firstReplyP50 / b1.firstReplyP50)} / ${x((bot.firstReplyP99 ?? 0) / (b1.firstReplyP99 ?? 1))}`
      : '');
  const laterReplies =
    `reply p99 without first contacts (a walker is a new user every ~10 requests; a real one stays): ` +
    all
      .filter((f) => f.laterReplyP99 !== null)
      .map((f) => `${f.target} ${ms(f.laterReplyP99)}`)
      .join('; ') +
    (b1?.laterReplyP99 && bot.laterReplyP99 !== null
      ? `; bot/B1 ${x(bot.laterReplyP99 / b1.laterReplyP99)}`
      : '');
  const lines = [
    table(rows),
    '',
    firstContact,
    laterReplies,
    `latency in ms; reply = request sent -> the Slack call it causes (Web API or response_url) reaches the emulator`,
    `memory, ${m.users.toLocaleString('en')} users (in-process, forced GC): ` +
      `before ${mib(m.before.rss)} RSS / ${mib(m.before.total)} heap; ` +
      `mid-way +${mib(m.midway.rss - m.before.rss)} RSS / +${mib(m.midway.total - m.before.total)} heap ` +
      `= ${m.perUserMidway.rss} / ${m.perUserMidway.heap} B per user; ` +
      `finished +${mib(m.finished.rss - m.before.rss)} / +${mib(m.finished.total - m.before.total)} ` +
      `= ${m.perUserFinished.rss} / ${m.perUserFinished.heap} B per user`,
    `start-up to /healthz 200: the bot (node src/start.mjs, as npm start runs it, bundle fresh) median ` +
      `${median(startup.launcher).toFixed(0)} ms [${startup.launcher.map((s) => s.toFixed(0)).join(', ')}]; ` +
      `first start after a change (bundle rebuilt) ${median(startup.firstStart).toFixed(0)} ms; ` +
      `npm start including npm itself ${median(startup.npmStart).toFixed(0)} ms; ` +
      `through tsx (node --import tsx/esm src/main.ts) ${median(startup.tsx).toFixed(0)} ms`,
    '',
    `targets: throughput bot/B1 ${x(v.throughputVsB1.ratio)} (>= 0.9x) ${mark(v.throughputVsB1.met)}; ` +
      `reply p99 bot/B1 ${x(v.replyP99VsB1.ratio)} (<= 1.2x) ${mark(v.replyP99VsB1.met)}; ` +
      `mid-way ${Math.max(m.perUserMidway.rss, m.perUserMidway.heap)} B/user (<= 2048) ${mark(v.bytesPerUserMidway.met)}; ` +
      `start-up ${v.startupMs.value.toFixed(0)} ms (< 1000) ${mark(v.startupMs.met)}`,
  ];
  return lines.join('\n');
}
