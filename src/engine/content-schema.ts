import { z } from 'zod';
import type { CheckinCopy } from './checkin-schema.ts';
import { leanIds } from './leans.ts';

/**
 * The shape of everything under `prompts/`. The YAML is data written by people; this schema is
 * where a typo becomes a startup error that names the file, the path and what is wrong.
 */

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,23}$/, 'ids are lower-case kebab-case, 1 to 24 characters');

/** Block Kit caps a button label at 75 characters and an option value at 150. */
const label = z.string().trim().min(1).max(75);
const paragraph = z.string().trim().min(1).max(1500);

export const SUMMARY_TARGET = 'summary';
/** What a skipped optional choice step stores: never an option id of the content. */
export const SKIPPED_OPTION = 'skipped';

const signals = z
  .object({
    staff: z.number().int().min(0).max(3).default(0),
    em: z.number().int().min(0).max(3).default(0),
  })
  .strict();

export const optionSchema = z
  .object({
    id,
    label,
    /** Weights this answer adds toward each track; see prompts/README.md for the rule. */
    signals: signals.default({ staff: 0, em: 0 }),
    /** A reason in the summary, phrased about the user ("You find … interesting"). */
    reason: paragraph.optional(),
    /** Ids of misconceptions (summary.yaml) this answer reveals. */
    misconceptions: z.array(id).default([]),
    /** "Where I stand" at the top of the brief, in the user's voice ("8+ years in; …"). */
    situation: paragraph.optional(),
    /** Which tracks are real roles where the user works, when this answer says so. */
    tracks: z
      .array(z.enum(['staff', 'em']))
      .min(1)
      .optional(),
    /** "What I'd like from you" near the top of the brief, in the user's voice. */
    ask: paragraph.optional(),
    /** Where to go next: a step id or `summary`. Default: the following step in the list. */
    next: id.optional(),
  })
  .strict();

const baseStep = {
  id,
  /** Short name of the step, used in "Change an answer" and in the plain-text brief. */
  title: z.string().trim().min(1).max(40),
  prompt: z.string().trim().min(1).max(600),
  /** Optional context shown under the prompt (a line of the essay's idea, in our words). */
  hint: z.string().trim().min(1).max(600).optional(),
};

export const choiceStepSchema = z
  .object({
    ...baseStep,
    kind: z.literal('choice'),
    options: z.array(optionSchema).min(2).max(10),
    /** Can be skipped with one click; the skip is stored as SKIPPED_OPTION and counts as no answer. */
    optional: z.boolean().default(false),
  })
  .strict();

export const textStepSchema = z
  .object({
    ...baseStep,
    kind: z.literal('text'),
    placeholder: z.string().trim().min(1).max(150),
    /** A one-sentence answer: kept short on purpose. */
    maxLength: z.number().int().min(20).max(500).default(280),
    /** Label that introduces the user's words in the summary ("In your words, …"). */
    quoteLabel: z.string().trim().min(1).max(80),
    /** The user's note for the manager: it opens the shared brief instead of closing it. */
    forManager: z.boolean().default(false),
    next: id.optional(),
  })
  .strict();

export const stepSchema = z.discriminatedUnion('kind', [choiceStepSchema, textStepSchema]);

export const exchangeSchema = z
  .object({
    version: z.literal(1),
    intro: z.string().trim().min(1).max(1500),
    /** The first step; default: the first in the list. */
    start: id.optional(),
    steps: z.array(stepSchema).min(6).max(11),
  })
  .strict();

export { type LeanId, leanIds } from './leans.ts';

const condition = z
  .object({
    /** Matches when the lean is one of these. */
    lean: z.array(z.enum(leanIds)).optional(),
    /** Matches when any of these answers was given, written `step-id.option-id`. */
    answers: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/)).optional(),
    /** Matches when any of these misconceptions was revealed. */
    misconceptions: z.array(id).optional(),
    /** Matches when any of these tensions (summary.yaml `tensions`) was found. */
    tensions: z.array(id).optional(),
  })
  .strict();

/** A track that must be a real role where the user works for a line to make sense there. */
const needs = z.array(z.enum(['staff', 'em'])).default([]);

/** Every field given must hold (AND); within a field, any listed value will do (OR). */
const allOf = z
  .object({
    lean: z.array(z.enum(leanIds)).optional(),
    answers: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/)).optional(),
  })
  .strict();

const role = z
  .object({
    id,
    name: label,
    /** One line on what the role means day to day, in the user's voice. */
    day: z.string().trim().min(1).max(300),
    /** `step-id.option-id` → points toward this shape; the highest total wins (ties: file order). */
    answers: z.record(z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/), z.number().int().min(1).max(3)),
  })
  .strict();

export const summarySchema = z
  .object({
    version: z.literal(1),
    scoring: z
      .object({
        /** |staff − em| at or above `slight` is a lean; the strength is the highest margin met. */
        margins: z
          .object({
            slight: z.number().int().min(1),
            moderate: z.number().int().min(1),
            strong: z.number().int().min(1),
          })
          .strict(),
        /** With no lean: both totals at or above this reads "could do either". */
        eitherFloor: z.number().int().min(1),
        /** Fewer answered choice steps than this: "not clear yet", whatever the totals. */
        minAnswered: z.number().int().min(1),
      })
      .strict(),
    leans: z
      .object({
        staff: z.object({ label, blurb: paragraph }).strict(),
        em: z.object({ label, blurb: paragraph }).strict(),
        either: z.object({ label, blurb: paragraph }).strict(),
        unclear: z.object({ label, blurb: paragraph }).strict(),
      })
      .strict(),
    strengths: z.object({ strong: label, moderate: label, slight: label }).strict(),
    misconceptions: z
      .array(
        z
          .object({
            id,
            /** What the answers suggested the user believes. */
            belief: z.string().trim().min(1).max(200),
            /** The essay's counterpoint, in our words. */
            counterpoint: paragraph,
          })
          .strict(),
      )
      .min(1),
    /** Conflicts between answers, named in the brief; `when` needs every field to hold. */
    tensions: z
      .array(
        z
          .object({
            id,
            text: z.string().trim().min(1).max(400),
            when: allOf,
            /** Restates a misconception: left out of a share with that section too. */
            revealsMisconception: z.boolean().default(false),
          })
          .strict(),
      )
      .default([]),
    /** The shapes of role the answers may resemble; see prompts/README.md for the scoring. */
    roles: z
      .object({ staff: z.array(role).default([]), em: z.array(role).default([]) })
      .strict()
      .default({ staff: [], em: [] }),
    /** Sentences for "What the last weeks showed", filled from check-in history. */
    evidence: z
      .object({
        /** Placeholders: {count}, {total}, {what}. */
        energy: z.string().trim().min(1).max(200),
        /** Energy option id (checkin.yaml) → what gave energy, as a phrase. */
        energyWhat: z.record(id, z.string().trim().min(1).max(80)),
        /** Placeholders: {count}, {total}, {toward}. */
        moves: z.string().trim().min(1).max(200),
        towards: z.object({ staff: label, em: label }).strict(),
        /** Placeholders: {from}, {to}. */
        shift: z.string().trim().min(1).max(200),
        steady: z.string().trim().min(1).max(200),
        /** How many recent check-ins are summed up. */
        window: z.number().int().min(2).max(12),
      })
      .strict()
      .optional(),
    talkingPoints: z
      .array(
        z
          .object({
            id,
            text: z.string().trim().min(1).max(300),
            when: condition.optional(),
            unless: condition.optional(),
            needs,
            /** Restates a misconception: left out of a share with that section too. */
            revealsMisconception: z.boolean().default(false),
          })
          .strict(),
      )
      .min(5),
    experiments: z
      .array(
        z
          .object({
            id,
            title: z.string().trim().min(1).max(120),
            how: z.string().trim().min(1).max(400),
            /** Which track this experiment probes; used to balance the picks. */
            probes: z.enum(['staff', 'em', 'both']),
            when: condition.optional(),
            unless: condition.optional(),
            /** Tracks that must be real roles where the user works; otherwise never picked. */
            needs,
          })
          .strict(),
      )
      .min(3),
  })
  .strict();

export type Option = z.infer<typeof optionSchema>;
export type ChoiceStep = z.infer<typeof choiceStepSchema>;
export type TextStep = z.infer<typeof textStepSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Exchange = z.infer<typeof exchangeSchema>;
export type SummaryCopy = z.infer<typeof summarySchema>;
export type Condition = z.infer<typeof condition>;

export interface Content {
  exchange: Exchange;
  summary: SummaryCopy;
  checkin: CheckinCopy;
}
