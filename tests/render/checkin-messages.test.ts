import { describe, expect, it } from 'vitest';
import { type HistoryEntry, optIn, pauseUntil } from '../../src/engine/index.ts';
import { loadContent } from '../../src/load-content.ts';
import {
  recentCheckins,
  renderCheckin,
  renderCheckinEnded,
  renderCheckinReplaced,
  renderCheckinSnoozed,
  renderCheckinStatus,
  renderCheckinsStopped,
  renderNudge,
  renderNudgeDone,
  renderSnoozeDateInvalid,
  scheduleLine,
} from '../../src/render/checkin.ts';
import { decodeCheckin } from '../../src/render/checkin-ids.ts';
import { ACTION } from '../../src/render/index.ts';

type Obj = Record<string, unknown>;
const copy = loadContent().checkin;
const DAY = 86_400_000;
const now = Date.parse('2026-03-23T12:00:00Z');
const unix = (ms: number) => Math.floor(ms / 1000);
const prefs = optIn(now, 'Europe/London', { cadence: 'biweekly', weekday: 2, time: '10:00' });

function shown(m: { blocks: unknown[] }): string[] {
  return (m.blocks as Obj[]).map((b) => {
    if (b.type === 'context')
      return (b.elements as { text: string }[]).map((e) => e.text).join(' ');
    if (b.type === 'actions') {
      return `[${(b.elements as Obj[]).map((e) => (typeof e === 'object' ? (e.text as { text: string }).text : String(e))).join(' | ')}]`;
    }
    return ((b.text as { text?: string } | undefined)?.text ?? `[${String(b.type)}]`) as string;
  });
}

const base = { copy, slot: now, tz: 'Europe/London', answers: {}, snoozeDefault: '2026-03-30' };
const [q0, q1] = copy.questions;
if (!q0 || !q1) throw new Error('check-in copy with fewer than two questions');

describe('the check-in message, line by line', () => {
  it('unanswered: intro, where they stood last time, each question, snooze, skip and stop', () => {
    const m = renderCheckin({ ...base, lastTime: { at: now - 14 * DAY, lean: 'em' } });
    const lines = shown(m);
    expect(lines[0]).toBe(`*${copy.intro}*`);
    expect(lines[1]).toBe(
      `Last time (<!date^${unix(now - 14 * DAY)}^{date_short}|9 Mar 2026>): *${copy.trend.em}*.`,
    );
    expect(lines[2]).toBe(q0.prompt);
    expect(lines.slice(-3)).toEqual([
      '*Snooze until…* No check-ins before the date you pick.',
      '[Skip this one | Stop check-ins]',
      `Check-in for <!date^${unix(now)}^{date_short}|23 Mar 2026>. Only you see this.`,
    ]);
    expect(m.blocks.map((b) => b.block_id)).toEqual([
      'checkin-intro',
      undefined,
      ...copy.questions.flatMap((_, i) => [`q-${i}-prompt`, `q-${i}`]),
      'checkin-snooze',
      'checkin-controls',
      undefined,
    ]);
  });

  it('no earlier point: no "Last time" line', () => {
    expect(shown(renderCheckin(base)).some((l) => l.startsWith('Last time'))).toBe(false);
  });

  it('snooze is a date picker starting a week on; stop asks first', () => {
    const m = renderCheckin(base);
    const snooze = m.blocks.find((b) => b.block_id === 'checkin-snooze') as unknown as Obj;
    expect(snooze.accessory).toEqual({
      type: 'datepicker',
      action_id: ACTION.checkinSnooze,
      initial_date: '2026-03-30',
      placeholder: { type: 'plain_text', text: 'Snooze until…' },
    });
    const controls = m.blocks.find((b) => b.block_id === 'checkin-controls') as unknown as Obj;
    const [skip, stop] = controls.elements as Obj[];
    expect(decodeCheckin(skip?.value)).toEqual({ slot: now });
    expect(stop?.confirm).toEqual({
      title: { type: 'plain_text', text: 'Stop check-ins?' },
      text: {
        type: 'plain_text',
        text: 'No more check-ins. Your history and brief stay; turn check-ins back on any time from the Home tab.',
      },
      confirm: { type: 'plain_text', text: 'Stop' },
      deny: { type: 'plain_text', text: 'Keep them' },
    });
  });

  it('part answered: how many questions are left, and no Skip (something was recorded)', () => {
    const one = renderCheckin({ ...base, answers: { [q0.id]: q0.options[0]?.id as string } });
    const left = copy.questions.length - 1;
    expect(shown(one)).toContain(
      `:white_check_mark: Saved. ${left} more ${left === 1 ? 'question' : 'questions'} above, all optional.`,
    );
    expect(shown(one)).toContain('[Stop check-ins]');
    const allButOne = Object.fromEntries(
      copy.questions.slice(0, -1).map((q) => [q.id, q.options[0]?.id as string]),
    );
    expect(shown(renderCheckin({ ...base, answers: allButOne }))).toContain(
      ':white_check_mark: Saved. 1 more question above, all optional.',
    );
    expect(shown(renderCheckin(base)).some((l) => l.includes('Saved.'))).toBe(false);
  });

  it('all answered: the thanks only, no count of questions left', () => {
    const all = Object.fromEntries(copy.questions.map((q) => [q.id, q.options[0]?.id as string]));
    const lines = shown(renderCheckin({ ...base, answers: all }));
    expect(lines).toContain(`:white_check_mark: ${copy.thanks}`);
    expect(lines.some((l) => l.includes('more question'))).toBe(false);
  });
});

describe('around a check-in', () => {
  it('replaced, taken care of, ended, bad snooze date: each says so', () => {
    const replaced = renderCheckinReplaced(now, 'UTC');
    expect(replaced.text).toBe(
      `Check-in for <!date^${unix(now)}^{date_short}|23 Mar 2026>: a newer check-in replaced this one (below).`,
    );
    expect(shown(replaced)).toEqual([`✓ ${replaced.text}`]);
    expect(shown(renderNudgeDone())).toEqual([
      '✓ That check-in is taken care of. Nothing to do here.',
    ]);
    expect(renderNudgeDone().text).toBe('That check-in is taken care of. Nothing to do here.');
    expect(shown(renderCheckinEnded())).toEqual([
      'That check-in is no longer open (it was skipped, or check-ins were reset), so I left everything as it is.',
    ]);
    expect(shown(renderCheckinEnded(true))).toEqual([
      'A newer check-in replaced this one, so I left everything as it is. The newest one is further down.',
    ]);
    expect(shown(renderSnoozeDateInvalid())).toEqual([
      'Pick a date after today to snooze until. Nothing changed.',
    ]);
    expect(renderSnoozeDateInvalid().text).toBe(
      'Pick a date after today to snooze until. Nothing changed.',
    );
  });

  it('the nudge names its check-in by date (UTC unless told), or nothing without one', () => {
    expect(shown(renderNudge(copy))).toEqual([copy.nudge]);
    expect(shown(renderNudge(copy, now - 13 * 3_600_000))).toEqual([
      copy.nudge,
      `About the check-in for <!date^${unix(now - 13 * 3_600_000)}^{date_short}|22 Mar 2026>.`,
    ]);
    expect(
      shown(renderNudge(copy, now + 11 * 3_600_000 + 60_000, 'Pacific/Auckland'))[1],
    ).toContain('|24 Mar 2026>');
  });

  it('snoozed: until the day picked, then the schedule', () => {
    const until = now + 10 * DAY;
    const m = renderCheckinSnoozed(pauseUntil(prefs, until, now), now);
    expect(m.text).toBe(
      `Snoozed. No check-ins until <!date^${unix(until)}^{date_short}|2 Apr 2026>.`,
    );
  });

  it('the schedule, one line each: when, paused until, next', () => {
    const paused = pauseUntil(prefs, now + 10 * DAY, now);
    const lines = scheduleLine(paused, now).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('Check-ins: *every other week on Tuesdays at 10:00 (Europe/London)*.');
    expect(lines[1]).toMatch(/^:double_vertical_bar: \*Paused until <!date\^/);
    expect(lines[2]).toMatch(/^Next check-in: <!date\^/);
  });

  it('stopped, and the status: plain text without the stars', () => {
    expect(shown(renderCheckinsStopped())).toEqual([
      'Check-ins stopped. Your history and brief stay. Turn them back on with `/career-path checkin biweekly`, or from my Home tab.',
    ]);
    const status = renderCheckinStatus({ ...prefs, next: null }, now);
    expect(status.text).toBe('Check-ins: every other week on Tuesdays at 10:00 (Europe/London).');
  });
});

describe('recent check-ins on Home', () => {
  it('newest first, check-ins only, each with its answers when it has any', () => {
    const history: HistoryEntry[] = [
      { at: now - 28 * DAY, lean: 'em', src: 's' },
      {
        at: now - 14 * DAY,
        lean: 'staff',
        src: 'c',
        answers: { [q0.id]: q0.options[0]?.id as string, [q1.id]: 'not-an-option' },
      },
      { at: now, lean: 'either', src: 'c' },
    ];
    expect(recentCheckins(copy, history, 'UTC', 5)).toEqual([
      `• <!date^${unix(now)}^{date_short}|23 Mar 2026>: ${copy.trend.either}`,
      `• <!date^${unix(now - 14 * DAY)}^{date_short}|9 Mar 2026>: ${copy.trend.staff} (${q0.title}: ${q0.options[0]?.label})`,
    ]);
    expect(recentCheckins(copy, history, 'UTC', 1)).toHaveLength(1);
  });
});
