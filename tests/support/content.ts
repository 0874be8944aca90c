/**
 * Content for engine and render tests: the real `prompts/` (loaded once) and a small hand-built
 * exchange that exercises what the real one does not (a branch via `next`, a dropdown step).
 * The fixture goes through `parseContent`, so it is held to the same schema as the real files.
 */
import {
  type Content,
  Engine,
  parseContent,
  type RawContent,
  type Session,
} from '../../src/engine/index.ts';
import { loadContent } from '../../src/load-content.ts';

let cached: Content | undefined;

/** The real prompts/exchange.yaml + prompts/summary.yaml, parsed once per test file. */
export function realContent(): Content {
  cached ??= loadContent();
  return cached;
}

export function realEngine(): Engine {
  return new Engine(realContent());
}

export const FIXTURE_FILES = {
  exchange: 'fixture/exchange.yaml',
  summary: 'fixture/summary.yaml',
  checkin: 'fixture/checkin.yaml',
} as const;

/**
 * Six steps: alpha → beta → gamma (text) → delta → eps → zeta → summary, except that
 * `alpha.a-short` jumps straight to delta, skipping beta and gamma. beta has 7 options, so it
 * renders as a dropdown.
 */
function fixtureExchange() {
  return {
    version: 1,
    intro: 'A fixture exchange for tests.',
    steps: [
      {
        id: 'alpha',
        kind: 'choice',
        title: 'Alpha',
        prompt: 'Which way into alpha?',
        hint: 'The short way skips two steps.',
        options: [
          {
            id: 'a-staff',
            label: 'Alpha, the staff way',
            signals: { staff: 2, em: 0 },
            reason: 'Alpha staff reason.',
          },
          {
            id: 'a-em',
            label: 'Alpha, the em way',
            signals: { staff: 0, em: 2 },
            reason: 'Alpha em reason.',
          },
          {
            id: 'a-short',
            label: 'The short way',
            reason: 'Alpha short reason.',
            next: 'delta',
          },
        ],
      },
      {
        id: 'beta',
        kind: 'choice',
        title: 'Beta',
        prompt: 'Pick a beta.',
        options: [
          {
            id: 'b-staff',
            label: 'Beta staff',
            signals: { staff: 3, em: 0 },
            reason: 'Beta staff reason.',
          },
          { id: 'b-em', label: 'Beta em', signals: { staff: 0, em: 3 }, reason: 'Beta em reason.' },
          {
            id: 'b-both',
            label: 'Beta both',
            signals: { staff: 1, em: 1 },
            reason: 'Beta both reason.',
          },
          {
            id: 'b-myth',
            label: 'Beta myth',
            signals: { staff: 0, em: 1 },
            misconceptions: ['myth-one'],
            reason: 'Beta myth reason.',
          },
          { id: 'b-quiet', label: 'Beta quiet' },
          { id: 'b-six', label: 'Beta six' },
          { id: 'b-seven', label: 'Beta seven' },
        ],
      },
      {
        id: 'gamma',
        kind: 'text',
        title: 'Gamma',
        prompt: 'One sentence about gamma.',
        placeholder: 'e.g. gamma things',
        maxLength: 40,
        quoteLabel: 'Gamma, in your words',
      },
      {
        id: 'delta',
        kind: 'choice',
        title: 'Delta',
        prompt: 'Pick a delta.',
        options: [
          {
            id: 'd-staff',
            label: 'Delta staff',
            signals: { staff: 3, em: 0 },
            reason: 'Delta staff reason.',
          },
          {
            id: 'd-em',
            label: 'Delta em',
            signals: { staff: 0, em: 3 },
            reason: 'Delta em reason.',
          },
          { id: 'd-neutral', label: 'Delta neutral', reason: 'Delta neutral reason.' },
        ],
      },
      {
        id: 'eps',
        kind: 'choice',
        title: 'Epsilon',
        prompt: 'Pick an epsilon.',
        options: [
          { id: 'e-staff', label: 'Eps staff', signals: { staff: 1, em: 0 } },
          { id: 'e-em', label: 'Eps em', signals: { staff: 0, em: 1 } },
          {
            id: 'e-both',
            label: 'Eps both',
            signals: { staff: 2, em: 2 },
            reason: 'Eps both reason.',
          },
        ],
      },
      {
        id: 'zeta',
        kind: 'choice',
        title: 'Zeta',
        prompt: 'Pick a zeta.',
        options: [
          {
            id: 'z-staff',
            label: 'Zeta staff',
            signals: { staff: 3, em: 0 },
            reason: 'Zeta staff reason.',
          },
          {
            id: 'z-em',
            label: 'Zeta em',
            signals: { staff: 0, em: 3 },
            reason: 'Zeta em reason.',
          },
          {
            id: 'z-myth',
            label: 'Zeta myth',
            misconceptions: ['myth-two'],
            reason: 'Zeta myth reason.',
          },
        ],
      },
    ],
  };
}

function fixtureSummary() {
  const lean = (name: string) => ({ label: `Lean ${name}`, blurb: `Blurb for ${name}.` });
  return {
    version: 1,
    scoring: {
      margins: { slight: 2, moderate: 4, strong: 7 },
      eitherFloor: 3,
      minAnswered: 3,
    },
    leans: {
      staff: lean('staff'),
      em: lean('em'),
      either: lean('either'),
      unclear: lean('unclear'),
    },
    strengths: { strong: 'Strong', moderate: 'Moderate', slight: 'Slight' },
    misconceptions: [
      { id: 'myth-one', belief: 'Belief one.', counterpoint: 'Counterpoint one.' },
      { id: 'myth-two', belief: 'Belief two.', counterpoint: 'Counterpoint two.' },
    ],
    talkingPoints: [
      { id: 'tp-staff', text: 'Talking point for a staff lean.', when: { lean: ['staff'] } },
      {
        id: 'tp-myth',
        text: 'Talking point for myth one.',
        when: { misconceptions: ['myth-one'] },
      },
      {
        id: 'tp-short',
        text: 'Talking point for the short way.',
        when: { answers: ['alpha.a-short'] },
      },
      { id: 'tp-general-1', text: 'General talking point one.' },
      { id: 'tp-general-2', text: 'General talking point two.' },
      { id: 'tp-general-3', text: 'General talking point three.' },
    ],
    experiments: [
      { id: 'x-staff-1', probes: 'staff', title: 'Staff one', how: 'Do staff one.' },
      { id: 'x-staff-2', probes: 'staff', title: 'Staff two', how: 'Do staff two.' },
      {
        id: 'x-em-1',
        probes: 'em',
        title: 'Em one',
        how: 'Do em one.',
        when: { misconceptions: ['myth-two'] },
      },
      { id: 'x-em-2', probes: 'em', title: 'Em two', how: 'Do em two.' },
      { id: 'x-both', probes: 'both', title: 'Both', how: 'Do both.' },
    ],
  };
}

export type FixtureExchange = ReturnType<typeof fixtureExchange>;
export type FixtureSummary = ReturnType<typeof fixtureSummary>;

/** A fresh, mutable copy of the fixture's raw data, for tests that break it on purpose. */
export function fixtureRaw(): {
  exchange: { file: string; data: FixtureExchange };
  summary: { file: string; data: FixtureSummary };
  checkin: { file: string; data: unknown };
} {
  return {
    exchange: { file: FIXTURE_FILES.exchange, data: fixtureExchange() },
    summary: { file: FIXTURE_FILES.summary, data: fixtureSummary() },
    // The check-in copy is not what these fixtures exercise: the real one, as plain data.
    checkin: { file: FIXTURE_FILES.checkin, data: structuredClone(realContent().checkin) },
  };
}

/** Parses raw fixture data (after any edits) the way the bot parses prompts/. */
export function parseFixture(raw: RawContent = fixtureRaw()): Content {
  return parseContent(raw);
}

export function fixtureContent(): Content {
  return parseFixture();
}

export function fixtureEngine(): Engine {
  return new Engine(fixtureContent());
}

/** A session built directly (not through the engine) with the given answers. */
export function sessionWith(
  engine: Engine,
  answers: { choices?: Record<string, string>; texts?: Record<string, string> },
  extra: Partial<Session> = {},
): Session {
  return {
    ...engine.newSession({ now: 0, newId: 'fixed-session' }),
    choices: answers.choices ?? {},
    texts: answers.texts ?? {},
    ...extra,
  };
}
