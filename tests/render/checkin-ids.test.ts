import { describe, expect, it } from 'vitest';
import {
  CHECKIN_ANSWER_PATTERN,
  checkinAnswerActionId,
  decodeCheckin,
  encodeCheckin,
} from '../../src/render/checkin-ids.ts';
import { plainDay, slackDateTime, slackDay } from '../../src/render/when.ts';

const SLOT = Date.parse('2026-03-31T09:00:00Z');

describe('check-in buttons: what a click carries back', () => {
  it('an answer button gives back its slot, question and option; Skip gives back the slot', () => {
    const answer = encodeCheckin({ slot: SLOT, question: 'what-changed', option: 'not-much' });
    expect(answer).toBe(`ck:${SLOT.toString(36)}:what-changed:not-much`);
    expect(decodeCheckin(answer)).toEqual({
      slot: SLOT,
      question: 'what-changed',
      option: 'not-much',
    });
    expect(encodeCheckin({ slot: SLOT })).toBe(`ck:${SLOT.toString(36)}`);
    expect(decodeCheckin(encodeCheckin({ slot: SLOT }))).toEqual({ slot: SLOT });
    // A question without an option is not an answer.
    expect(encodeCheckin({ slot: SLOT, question: 'what-changed' })).toBe(`ck:${SLOT.toString(36)}`);
  });

  it.each([
    ['an exchange button value', 's1:where-you-are:both-real-senior'],
    ['another tag', `cx:${SLOT.toString(36)}`],
    ['no slot', 'ck:'],
    ['a slot that is not base 36', 'ck:ZZ!'],
    ['a slot too long to be a time', `ck:${'1'.repeat(13)}`],
    ['a question with no option', `ck:${SLOT.toString(36)}:what-changed`],
    ['an extra part', `ck:${SLOT.toString(36)}:what-changed:not-much:more`],
    ['an upper-case option', `ck:${SLOT.toString(36)}:what-changed:Not-much`],
    ['an option too long', `ck:${SLOT.toString(36)}:what-changed:${'a'.repeat(33)}`],
    ['more than 150 characters', `ck:${SLOT.toString(36)}:${'a'.repeat(32)}:${'b'.repeat(120)}`],
  ])('a forged value is refused: %s', (_name, raw) => {
    expect(decodeCheckin(raw)).toBeNull();
  });

  it('a value that is not a string is refused', () => {
    expect(decodeCheckin(undefined)).toBeNull();
    expect(decodeCheckin(42)).toBeNull();
  });

  it('the longest real tokens still fit', () => {
    const raw = `ck:${SLOT.toString(36)}:${'a'.repeat(32)}:${'b'.repeat(32)}`;
    expect(decodeCheckin(raw)).toEqual({
      slot: SLOT,
      question: 'a'.repeat(32),
      option: 'b'.repeat(32),
    });
  });

  it('answer action ids are numbered, and only numbered ones match', () => {
    expect(checkinAnswerActionId(2)).toBe('career.checkin.answer.2');
    expect(CHECKIN_ANSWER_PATTERN.test(checkinAnswerActionId(0))).toBe(true);
    expect(CHECKIN_ANSWER_PATTERN.test('career.checkin.answer.')).toBe(false);
    expect(CHECKIN_ANSWER_PATTERN.test('career.checkin.answer.x')).toBe(false);
    expect(CHECKIN_ANSWER_PATTERN.test('x.career.checkin.answer.1')).toBe(false);
    expect(CHECKIN_ANSWER_PATTERN.test('career.checkin.answer.1.x')).toBe(false);
  });
});

describe('dates as people read them', () => {
  // 10:00 in London on the first day of summer time.
  const at = Date.parse('2026-03-29T09:00:00Z');

  it('Slack shows the moment in the reader’s zone; the fallback is written in the user’s', () => {
    expect(slackDateTime(at, 'Europe/London')).toBe(
      `<!date^${at / 1000}^{date_short_pretty} at {time}|Sun, 29 Mar 2026, 10:00 (Europe/London)>`,
    );
    expect(slackDateTime(at, 'America/New_York')).toBe(
      `<!date^${at / 1000}^{date_short_pretty} at {time}|Sun, 29 Mar 2026, 05:00 (America/New_York)>`,
    );
    expect(slackDay(at, 'Europe/London')).toBe(`<!date^${at / 1000}^{date_short}|29 Mar 2026>`);
  });

  it('the day is the user’s day, not UTC’s', () => {
    const lateEvening = Date.parse('2026-03-03T02:30:00Z');
    expect(plainDay(lateEvening, 'America/New_York')).toBe('2 Mar 2026');
    expect(plainDay(lateEvening, 'Europe/London')).toBe('3 Mar 2026');
  });

  it('a zone Slack sent that this runtime does not know falls back to UTC, and says so', () => {
    expect(slackDateTime(at, 'Mars/Olympus_Mons')).toContain('09:00 (UTC)');
    expect(plainDay(at, 'Mars/Olympus_Mons')).toBe('29 Mar 2026');
  });

  it('a time with milliseconds is given to Slack in whole seconds', () => {
    expect(slackDay(at + 999, 'UTC')).toContain(`<!date^${at / 1000}^`);
  });
});
