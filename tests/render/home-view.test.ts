import { describe, expect, it } from 'vitest';
import { type HistoryEntry, optIn, pauseUntil, type Session } from '../../src/engine/index.ts';
import { loadContent } from '../../src/load-content.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { type HomeModel, renderHome } from '../../src/render/home.ts';
import { model } from './hand-brief.ts';

type Obj = Record<string, unknown>;
const copy = loadContent().checkin;
const DAY = 86_400_000;
const NOW = Date.parse('2026-03-23T23:30:00Z'); // 23 Mar in London, 24 Mar in Auckland
const unix = (ms: number) => Math.floor(ms / 1000);

const session = (status: Session['status'], completedAt?: number): Session => ({
  id: 'abc',
  rev: 3,
  status,
  current: status === 'complete' ? 'summary' : 'five-years',
  choices: {},
  texts: {},
  editing: false,
  startedAt: NOW - DAY,
  updatedAt: NOW - DAY,
  ...(completedAt !== undefined ? { completedAt } : {}),
});

const home = (m: Partial<HomeModel>) =>
  renderHome({ session: null, summary: null, now: NOW, ...m }).blocks as unknown as Obj[];
const byId = (blocks: Obj[], id: string) => blocks.find((b) => b.block_id === id);
const textOf = (b: Obj | undefined) => (b?.text as { text: string } | undefined)?.text;
const buttonsOf = (b: Obj | undefined) =>
  ((b?.elements as Obj[] | undefined) ?? []).map((e) => ({
    label: (e.text as { text: string } | undefined)?.text,
    action: e.action_id,
    value: e.value,
    style: e.style,
  }));

describe('Home: where the user stands and what they can do', () => {
  it('a finished brief: the lean and its date, Open my brief (primary) or Start over', () => {
    const blocks = home({
      session: session('complete', NOW),
      summary: model(),
      tz: 'Pacific/Auckland',
    });
    expect(textOf(byId(blocks, 'stand'))).toBe(
      `*Where you stand:* Staff Engineer (a clear lean) (last brief <!date^${unix(NOW)}^{date_short}|24 Mar 2026>)`,
    );
    expect(buttonsOf(byId(blocks, 'home'))).toEqual([
      { label: 'Open my brief', action: ACTION.resume, value: 'home', style: 'primary' },
      { label: 'Start over', action: ACTION.homeRestart, value: 'home', style: undefined },
    ]);
  });

  it('a finished brief with no completion time: the lean alone', () => {
    const blocks = home({ session: session('complete'), summary: model() });
    expect(textOf(byId(blocks, 'stand'))).toBe('*Where you stand:* Staff Engineer (a clear lean)');
  });

  it('a brief from an earlier run while a new one is under way: In progress, Resume', () => {
    const blocks = home({ session: session('active'), summary: model() });
    expect(textOf(byId(blocks, 'stand'))).toBe('*In progress.* Your answers are saved.');
    expect(buttonsOf(byId(blocks, 'home'))).toEqual([
      { label: 'Resume', action: ACTION.resume, value: 'home', style: 'primary' },
    ]);
  });

  it('nothing yet (a brief without a session counts as nothing): Start', () => {
    const blocks = home({ summary: model() });
    expect(byId(blocks, 'stand')).toBeUndefined();
    expect(buttonsOf(byId(blocks, 'home'))).toEqual([
      { label: 'Start', action: ACTION.resume, value: 'home', style: 'primary' },
    ]);
  });

  it('the earlier briefs, dated in the user’s zone, each with Open', () => {
    const blocks = home({
      briefs: [{ at: NOW, id: 'a1', label: 'Leaning Staff' }],
      checkin: optIn(NOW, 'Europe/London', { cadence: 'weekly', weekday: 1, time: '09:00' }),
    });
    const brief = byId(blocks, 'brief-a1');
    expect(textOf(brief)).toBe(`<!date^${unix(NOW)}^{date_short}|23 Mar 2026>: Leaning Staff`);
    expect(brief?.accessory).toMatchObject({
      action_id: ACTION.homeOpenBrief,
      value: 'a1',
      text: { text: 'Open' },
    });
    const utc = home({ briefs: [{ at: NOW, id: 'a1', label: 'x' }] });
    expect(textOf(byId(utc, 'brief-a1'))).toContain('|23 Mar 2026>');
    const auckland = home({
      tz: 'Pacific/Auckland',
      briefs: [{ at: NOW, id: 'a1', label: 'x' }],
      checkin: optIn(NOW, 'Europe/London', { cadence: 'weekly', weekday: 1, time: '09:00' }),
    });
    expect(textOf(byId(auckland, 'brief-a1'))).toContain('|24 Mar 2026>');
  });

  it('the layout: no extra divider without shared briefs; Forget me (danger, asks first) at the end', () => {
    const blocks = home({});
    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'divider',
      'actions',
      'divider',
      'section',
      'actions',
      'divider',
      'actions',
      'context',
    ]);
    const forget = byId(blocks, 'forget');
    expect(buttonsOf(forget)).toEqual([
      { label: 'Forget me', action: ACTION.homeForget, value: 'forget', style: 'danger' },
    ]);
    expect((((forget?.elements ?? []) as Obj[])[0] as Obj).confirm).toMatchObject({
      title: { text: 'Forget everything?' },
      confirm: { text: 'Delete it all' },
      deny: { text: 'Keep it' },
      style: 'danger',
    });
  });

  it('history without the check-in copy shows no recent check-ins', () => {
    const history: HistoryEntry[] = [{ at: NOW, lean: 'em', src: 'c' }];
    expect(byId(home({ history }), 'recent')).toBeUndefined();
    expect(byId(home({ history, checkinCopy: copy }), 'recent')).toBeDefined();
    expect(byId(home({ checkinCopy: copy }), 'recent')).toBeUndefined();
  });
});

describe('Home: check-in settings', () => {
  const prefs = optIn(NOW, 'Europe/London', { cadence: 'biweekly', weekday: 2, time: '10:00' });

  it('off (never set): says so, and offers only How often, set to Off', () => {
    const blocks = home({});
    expect(textOf(byId(blocks, 'checkins'))).toMatch(/^\*Check-ins\* are off\./);
    const row = byId(blocks, 'checkin-settings.off');
    const [cadence, ...rest] = (row?.elements ?? []) as Obj[];
    expect(rest).toEqual([]);
    expect(cadence).toMatchObject({
      type: 'static_select',
      action_id: ACTION.homeCadence,
      initial_option: { value: 'off', text: { text: 'Off' } },
    });
    expect(
      ((cadence?.options ?? []) as { text: { text: string } }[]).map((o) => o.text.text),
    ).toEqual([
      'Weekly (every week)',
      'Biweekly (every other week)',
      'Monthly (every four weeks)',
      'Off',
    ]);
  });

  it('on: the schedule, then How often, Day and Time set to it', () => {
    const blocks = home({ checkin: prefs });
    expect(textOf(byId(blocks, 'checkins'))).toMatch(
      /^\*Check-ins\*\nCheck-ins: \*every other week/,
    );
    const row = byId(blocks, 'checkin-settings.biweekly.2.10:00');
    const [, day, time, ...rest] = (row?.elements ?? []) as Obj[];
    expect(rest).toEqual([]);
    expect(day).toMatchObject({
      type: 'static_select',
      action_id: ACTION.homeWeekday,
      placeholder: { type: 'plain_text', text: 'Day' },
      initial_option: { value: '2', text: { text: 'Tuesday' } },
    });
    expect(time).toEqual({
      type: 'timepicker',
      action_id: ACTION.homeTime,
      initial_time: '10:00',
      placeholder: { type: 'plain_text', text: 'Time' },
    });
  });

  it('paused: Resume check-ins, and a block id of its own so the menus start afresh', () => {
    const paused = pauseUntil(prefs, NOW + 3 * DAY, NOW);
    const blocks = home({ checkin: paused });
    const row = byId(blocks, 'checkin-settings.biweekly.2.10:00.paused');
    expect(buttonsOf(row).at(-1)).toEqual({
      label: 'Resume check-ins',
      action: ACTION.homeResumeCheckins,
      value: 'resume',
      style: undefined,
    });
    // The pause ends exactly now: not paused any more.
    const ended = home({ checkin: paused, now: paused.pausedUntil as number });
    expect(byId(ended, 'checkin-settings.biweekly.2.10:00')).toBeDefined();
    expect(JSON.stringify(ended)).not.toContain('Resume check-ins');
  });

  it('turned off: back to the off block id', () => {
    const blocks = home({ checkin: { ...prefs, cadence: 'off', next: null } });
    expect(byId(blocks, 'checkin-settings.off')).toBeDefined();
    expect(textOf(byId(blocks, 'checkins'))).toMatch(/^\*Check-ins\* are off\./);
  });
});
