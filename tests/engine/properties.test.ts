import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AT_SUMMARY,
  type CurrentView,
  type Engine,
  type EngineEvent,
  type Ref,
  type Session,
} from '../../src/engine/index.ts';
import { fixtureEngine, realEngine } from '../support/content.ts';
import { propertyRuns } from '../support/property-runs.ts';

/**
 * Random conversations. Each event is described by a seed and built against the session as it is
 * at that moment, so most events are what a real user could send from the message on screen,
 * and the rest are clicks on old messages, other runs, or plain junk.
 */

const KINDS = [
  'start',
  'restart',
  'choose',
  'write',
  'reply',
  'skip',
  'back',
  'pause',
  'edit',
  'show',
] as const;
type Kind = (typeof KINDS)[number];

interface Seed {
  kind: Kind;
  ref: 'current' | 'old-rev' | 'other-session' | 'wrong-step' | 'random';
  pick: number;
  text: string;
  randomRef: Ref;
  badOption: boolean;
}

function seedArb(engine: Engine): fc.Arbitrary<Seed> {
  const stepIds = [...engine.content.exchange.steps.map((s) => s.id), AT_SUMMARY];
  return fc.record({
    // Answers are likelier than anything else, so conversations get far enough to reach the
    // summary and change answers from there; restart is rare, so sessions live long.
    kind: fc.oneof(
      ...KINDS.map((k) => ({
        weight:
          (
            { choose: 6, write: 2, skip: 2, reply: 2, back: 2, edit: 2 } as Partial<
              Record<Kind, number>
            >
          )[k] ?? 1,
        arbitrary: fc.constant(k),
      })),
    ),
    ref: fc.oneof(
      { weight: 12, arbitrary: fc.constant('current' as const) },
      { weight: 1, arbitrary: fc.constant('old-rev' as const) },
      { weight: 1, arbitrary: fc.constant('other-session' as const) },
      { weight: 1, arbitrary: fc.constant('wrong-step' as const) },
      { weight: 1, arbitrary: fc.constant('random' as const) },
    ),
    pick: fc.nat(),
    text: fc.oneof(
      fc.string(),
      fc.string({ minLength: 300, maxLength: 700 }),
      fc.constant('<!channel> & <@U123>'),
    ),
    randomRef: fc.record({
      session: fc.oneof(fc.constantFrom('s-1', 's-2', 's-3'), fc.string()),
      step: fc.oneof(fc.constantFrom(...stepIds), fc.string()),
      rev: fc.integer({ min: -1, max: 30 }),
    }),
    badOption: fc.boolean(),
  });
}

function refOf(view: CurrentView): Ref {
  return {
    session: view.sessionId,
    step: view.kind === 'step' ? view.step.id : AT_SUMMARY,
    rev: view.rev,
  };
}

function buildEvent(engine: Engine, session: Session | null, seed: Seed): EngineEvent {
  const view = session ? engine.view(session) : null;
  const stepIds = engine.content.exchange.steps.map((s) => s.id);
  const pickOf = <T>(items: readonly T[]): T | undefined => items[seed.pick % items.length];
  let ref: Ref = seed.randomRef;
  if (view && seed.ref !== 'random') {
    const current = refOf(view);
    ref =
      seed.ref === 'current'
        ? current
        : seed.ref === 'old-rev'
          ? { ...current, rev: current.rev - 1 - (seed.pick % 3) }
          : seed.ref === 'other-session'
            ? { ...current, session: `${current.session}-other` }
            : { ...current, step: pickOf(stepIds.filter((id) => id !== current.step)) ?? 'x' };
  }
  switch (seed.kind) {
    case 'start':
    case 'restart':
    case 'show':
      return { type: seed.kind };
    case 'reply':
      return { type: 'reply', text: seed.text };
    case 'write':
    case 'skip':
    case 'back':
    case 'pause':
      return seed.kind === 'write'
        ? { type: 'write', ref, text: seed.text }
        : { type: seed.kind, ref };
    case 'choose': {
      const step = view?.kind === 'step' ? view.step : undefined;
      const allOptions = engine.content.exchange.steps.flatMap((s) =>
        s.kind === 'choice' ? s.options.map((o) => o.id) : [],
      );
      const own = step?.kind === 'choice' ? step.options.map((o) => o.id) : [];
      const option = seed.badOption || own.length === 0 ? pickOf(allOptions) : pickOf(own);
      return { type: 'choose', ref, option: option ?? 'none' };
    }
    case 'edit': {
      const editable = view?.kind === 'summary' ? view.editable.map((e) => e.id) : stepIds;
      return {
        type: 'edit',
        ref,
        step: seed.badOption ? 'not-a-step' : (pickOf(editable) ?? 'none'),
      };
    }
  }
}

describe.each([
  ['the real content', realEngine],
  ['the branching fixture', fixtureEngine],
])('random conversations on %s', (_, makeEngine) => {
  const engine = makeEngine();

  it('keep the session valid, never throw, never lower rev, and stale clicks change nothing', () => {
    const seen = { summary: 0, editAccepted: 0, stale: 0, back: 0 };
    fc.assert(
      fc.property(
        fc.array(seedArb(engine), { minLength: 1, maxLength: 80, size: 'max' }),
        (seeds) => {
          let session: Session | null = null;
          let ids = 0;
          let now = 0;
          for (const seed of seeds) {
            const event = buildEvent(engine, session, seed);
            const before = session ? structuredClone(session) : null;
            const result = engine.advance(session, event, { now: ++now, newId: `s-${++ids}` });
            const label = JSON.stringify(event);

            if (result.outcome.type === 'stale' || !result.changed) {
              // Nothing happened: the very same object, untouched.
              expect(result.session, label).toBe(session);
              expect(result.changed, label).toBe(false);
              expect(session, label).toEqual(before);
            } else {
              expect(result.session, label).not.toBe(session);
            }
            const next = result.session;
            if (result.outcome.type === 'stale') seen.stale++;
            if (result.changed && event.type === 'edit') seen.editAccepted++;
            if (result.changed && event.type === 'back') seen.back++;
            if (next?.current === AT_SUMMARY) seen.summary++;
            if (next) {
              expect(engine.isValid(next), label).toBe(true);
              if (session && next.id === session.id) {
                expect(next.rev, label).toBeGreaterThanOrEqual(session.rev);
                if (result.changed) expect(next.rev, label).toBe(session.rev + 1);
              } else if (next !== session) {
                expect(next.rev, label).toBe(0);
              }
              // Whatever the engine says is current, it can show.
              expect(() => engine.view(next)).not.toThrow();
              const view = engine.view(next);
              if (view.kind === 'step') {
                expect(view.index, label).toBeGreaterThanOrEqual(1);
                expect(view.index, label).toBeLessThanOrEqual(view.total);
              }
              // Stored words always respect their step's limit.
              for (const [stepId, text] of Object.entries(next.texts)) {
                const step = engine.graph.step(stepId);
                if (step?.kind === 'text') expect(text.length).toBeLessThanOrEqual(step.maxLength);
              }
            }
            session = next;
          }
        },
      ),
      { numRuns: propertyRuns(300) },
    );
    // The generator really does explore: finished runs, edits from the summary, Back, stale clicks.
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
  });

  it('a random walk of valid answers reaches the summary within one answer per step', () => {
    const stepCount = engine.content.exchange.steps.length;
    fc.assert(
      fc.property(
        fc.array(fc.record({ pick: fc.nat(), text: fc.option(fc.string({ minLength: 1 })) }), {
          minLength: stepCount,
          maxLength: stepCount,
        }),
        (answers) => {
          let session = engine.advance(null, { type: 'start' }, { now: 1, newId: 's-1' })
            .session as Session;
          let used = 0;
          while (session.current !== AT_SUMMARY) {
            expect(used).toBeLessThan(stepCount);
            const view = engine.view(session);
            if (view.kind !== 'step') throw new Error('expected a step');
            const a = answers[used++] ?? { pick: 0, text: null };
            const ref = refOf(view);
            const step = view.step;
            const event: EngineEvent =
              step.kind === 'choice'
                ? {
                    type: 'choose',
                    ref,
                    option: step.options[a.pick % step.options.length]?.id as string,
                  }
                : a.text === null
                  ? { type: 'skip', ref }
                  : { type: 'write', ref, text: a.text };
            const result = engine.advance(session, event, { now: used + 1, newId: 'unused' });
            expect(result.changed).toBe(true);
            session = result.session as Session;
          }
          expect(session.status).toBe('complete');
          expect(engine.view(session).kind).toBe('summary');
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
