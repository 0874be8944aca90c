import { describe, expect, it } from 'vitest';
import {
  answerCheckin,
  Engine,
  type HistoryEntry,
  optIn,
  pauseUntil,
  recordSummary,
  type Session,
  trend,
} from '../../src/engine/index.ts';
import { loadContent } from '../../src/load-content.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import {
  HOME_MAX_BRIEFS,
  HOME_MAX_RECENT,
  type HomeModel,
  renderHome,
} from '../../src/render/home.ts';

const content = loadContent();
const copy = content.checkin;
const engine = new Engine(content);
const DAY = 86_400_000;
const NOW = Date.parse('2026-03-23T12:00:00Z');

const session = (status: Session['status']): Session => ({
  id: 'abc',
  rev: 3,
  status,
  current: status === 'complete' ? 'summary' : 'five-years',
  choices: {},
  texts: {},
  editing: false,
  startedAt: NOW - DAY,
  updatedAt: NOW - DAY,
  ...(status === 'complete' ? { completedAt: NOW - DAY } : {}),
});

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: {
    type: string;
    action_id?: string;
    value?: string;
    style?: string;
    text?: { text: string };
    initial_option?: { value: string };
    initial_time?: string;
    options?: { value: string; text: { text: string } }[];
    confirm?: { title: { text: string }; style?: string };
  }[];
  accessory?: { action_id?: string; value?: string };
};

function home(model: Partial<HomeModel>) {
  const view = renderHome({ session: null, summary: null, now: NOW, ...model });
  const blocks = view.blocks as Block[];
  const text = JSON.stringify(blocks);
  // The settings block's id carries the values it shows (a new id when they change): match its stem.
  const block = (id: string) =>
    blocks.find((b) => b.block_id === id || b.block_id?.startsWith(`${id}.`));
  const buttons = (id: string) =>
    (block(id)?.elements ?? []).map((e) => [e.text?.text, e.action_id, e.style]);
  return { view, blocks, text, block, buttons };
}

describe('the Home tab, by where the user is', () => {
  it('someone new: a Start button, check-ins off, and the way to forget', () => {
    const h = home({});
    expect(h.view.type).toBe('home');
    expect(h.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Staff Engineer or Engineering Manager?' },
    });
    expect(h.buttons('home')).toEqual([['Start', ACTION.resume, 'primary']]);
    expect(h.block('checkins')?.text?.text).toContain('*Check-ins* are off.');
    const settings = h.block('checkin-settings')?.elements ?? [];
    // Only "how often" while off: day and time come once there is a schedule.
    expect(settings.map((e) => e.action_id)).toEqual([ACTION.homeCadence]);
    expect(settings[0]?.initial_option?.value).toBe('off');
    expect(settings[0]?.options?.map((o) => o.text.text)).toEqual([
      'Weekly (every week)',
      'Biweekly (every other week)',
      'Monthly (every four weeks)',
      'Off',
    ]);
    const forget = h.block('forget')?.elements?.[0];
    expect(forget).toMatchObject({ action_id: ACTION.homeForget, style: 'danger' });
    expect(forget?.confirm).toMatchObject({
      title: { text: 'Forget everything?' },
      style: 'danger',
    });
    expect(h.text).toContain('/career-path help');
    expect(h.text).not.toContain('deleted everything');
    expect(h.block('briefs')).toBeUndefined();
    expect(h.block('trend')).toBeUndefined();
    expect(h.block('recent')).toBeUndefined();
  });

  it('mid-way or paused: says so and offers Resume', () => {
    const active = home({ session: session('active') });
    expect(active.block('stand')?.text?.text).toBe('*In progress.* Your answers are saved.');
    expect(active.buttons('home')).toEqual([['Resume', ACTION.resume, 'primary']]);
    const paused = home({ session: session('paused') });
    expect(paused.block('stand')?.text?.text).toBe('*Paused.* Your answers are saved.');
  });

  it('with a brief: where they stand, when the brief was made, Open and Start over', () => {
    const s = session('complete');
    const h = home({ session: s, summary: engine.summary(s), tz: 'Europe/London' });
    const stand = h.block('stand')?.text?.text ?? '';
    expect(stand).toMatch(/^\*Where you stand:\* /);
    expect(stand).toContain(`(last brief <!date^${(NOW - DAY) / 1000}^{date_short}|22 Mar 2026>)`);
    expect(h.buttons('home')).toEqual([
      ['Open my brief', ACTION.resume, 'primary'],
      ['Start over', ACTION.homeRestart, undefined],
    ]);
    // A complete session whose completion time was lost still shows where they stand.
    const { completedAt: _c, ...undated } = s;
    expect(
      home({ session: undated, summary: engine.summary(s) }).block('stand')?.text?.text,
    ).not.toContain('last brief');
  });

  it('right after Forget me: says what was deleted', () => {
    expect(home({ forgotten: true }).block('forgotten')?.text?.text).toContain(
      'I deleted everything I kept about you.',
    );
  });
});

describe('check-in settings on the Home tab', () => {
  const prefs = optIn(NOW, 'America/New_York', { cadence: 'weekly', weekday: 4, time: '16:30' });

  it('on: the schedule, and day and time pickers set to it', () => {
    const h = home({ checkin: prefs });
    expect(h.block('checkins')?.text?.text).toContain(
      '*Check-ins*\nCheck-ins: *every week on Thursdays at 16:30 (America/New_York)*.',
    );
    const [cadence, day, time, ...more] = h.block('checkin-settings')?.elements ?? [];
    expect(cadence?.initial_option?.value).toBe('weekly');
    expect(day).toMatchObject({ action_id: ACTION.homeWeekday, initial_option: { value: '4' } });
    expect(day?.options?.map((o) => o.text.text)).toEqual([
      'Sunday',
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
    ]);
    expect(time).toMatchObject({ action_id: ACTION.homeTime, initial_time: '16:30' });
    expect(more).toEqual([]);
  });

  it('snoozed: Resume check-ins, until the pause is over', () => {
    const paused = pauseUntil(prefs, NOW + 10 * DAY, NOW);
    const during = home({ checkin: paused }).block('checkin-settings')?.elements ?? [];
    expect(during.at(-1)).toMatchObject({ action_id: ACTION.homeResumeCheckins });
    const after = home({ checkin: paused, now: NOW + 11 * DAY }).block('checkin-settings');
    expect(after?.elements?.map((e) => e.action_id)).not.toContain(ACTION.homeResumeCheckins);
  });

  it('the trend and the last five check-ins, newest first, each with its answers', () => {
    let history: HistoryEntry[] = recordSummary([], NOW - 100 * DAY, 'em');
    const lean = copy.questions.find((q) => q.id === 'lean');
    if (!lean) throw new Error('no lean question');
    for (let i = 1; i <= 7; i += 1) {
      const option = lean.options[i % lean.options.length]?.id as string;
      const r = answerCheckin(copy, history, NOW - (100 - i * 7) * DAY, lean.id, option);
      if (r.ok) history = r.history;
    }
    const points = trend(copy, history);
    const h = home({ checkin: prefs, checkinCopy: copy, history, trend: points, tz: 'UTC' });
    expect(h.block('trend')?.text?.text).toMatch(/^\*How my thinking moved:\* <!date\^/);
    const recent = (h.block('recent')?.text?.text ?? '').split('\n');
    expect(recent[0]).toBe('*Recent check-ins*');
    expect(recent.slice(1)).toHaveLength(HOME_MAX_RECENT);
    const checkins = history.filter((e) => e.src === 'c');
    const newest = checkins.at(-1) as HistoryEntry;
    const label = lean.options.find((o) => o.id === newest.answers?.[lean.id])?.label;
    expect(recent[1]).toContain(`${copy.trend[newest.lean]} (${lean.title}: ${label})`);
    // No check-ins answered yet: no "Recent" section.
    expect(
      home({ checkinCopy: copy, history: history.slice(0, 1) }).block('recent'),
    ).toBeUndefined();
    expect(home({ trend: [] }).block('trend')).toBeUndefined();
  });
});

describe('earlier briefs on the Home tab', () => {
  it('the newest four, each with its date, label and an Open button carrying its index', () => {
    const briefs = Array.from({ length: 6 }, (_, i) => ({
      at: NOW - i * DAY,
      id: `a${i}` as const,
      label: `Brief ${i}`,
    }));
    const h = home({ briefs, tz: 'UTC' });
    expect(h.block('briefs')?.text?.text).toBe('*Your briefs*');
    const shown = h.blocks.filter((b) => b.block_id?.startsWith('brief-'));
    expect(shown).toHaveLength(HOME_MAX_BRIEFS);
    expect(shown[0]).toMatchObject({
      block_id: 'brief-a0',
      text: { text: `<!date^${NOW / 1000}^{date_short}|23 Mar 2026>: Brief 0` },
      accessory: { action_id: ACTION.homeOpenBrief, value: 'a0' },
    });
    expect(shown.map((b) => b.block_id)).toEqual(['brief-a0', 'brief-a1', 'brief-a2', 'brief-a3']);
  });
});
