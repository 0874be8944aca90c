import { z } from 'zod';
import { leanIds } from './leans.ts';

/** The shape of `prompts/checkin.yaml`: the questions a check-in asks and the words around them. */

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,23}$/, 'ids are lower-case kebab-case, 1 to 24 characters');
const label = z.string().trim().min(1).max(75);
const paragraph = z.string().trim().min(1).max(600);

export const checkinOptionSchema = z
  .object({
    id,
    label,
    /** Where the user stands after picking this; absent means "as before". */
    lean: z.enum(leanIds).optional(),
    /**
     * A move from where the user stood: one step toward this track on the scale of
     * checkin-history.ts, so a nudge away from a moderate lean is still that lean, held less.
     */
    toward: z.enum(['staff', 'em']).optional(),
  })
  .strict()
  .refine((o) => !(o.lean && o.toward), 'an option sets either `lean` or `toward`, not both');

export const checkinQuestionSchema = z
  .object({
    id,
    /** Short name for the history and the Home tab. */
    title: z.string().trim().min(1).max(40),
    prompt: z.string().trim().min(1).max(300),
    /** One click each: buttons, so at most five fit on a line comfortably. */
    options: z.array(checkinOptionSchema).min(2).max(5),
  })
  .strict();

export const checkinSchema = z
  .object({
    version: z.literal(1),
    intro: paragraph,
    questions: z.array(checkinQuestionSchema).min(2).max(4),
    thanks: paragraph,
    nudge: paragraph,
    trend: z.object({ staff: label, em: label, either: label, unclear: label }).strict(),
  })
  .strict();

export type CheckinCopy = z.infer<typeof checkinSchema>;
export type CheckinQuestion = z.infer<typeof checkinQuestionSchema>;

export interface CheckinContentProblem {
  path: string;
  message: string;
}

/** Links zod cannot see: unique ids, and at least one option that records a lean. */
export function checkinCrossCheck(copy: CheckinCopy): CheckinContentProblem[] {
  const problems: CheckinContentProblem[] = [];
  const questionIds = new Set<string>();
  copy.questions.forEach((q, i) => {
    if (questionIds.has(q.id))
      problems.push({ path: `questions[${i}].id`, message: `duplicate question id "${q.id}"` });
    questionIds.add(q.id);
    const optionIds = new Set<string>();
    q.options.forEach((o, j) => {
      if (optionIds.has(o.id))
        problems.push({
          path: `questions[${i}].options[${j}].id`,
          message: `duplicate option id "${o.id}" in question "${q.id}"`,
        });
      optionIds.add(o.id);
    });
  });
  if (!copy.questions.some((q) => q.options.some((o) => o.lean !== undefined))) {
    problems.push({
      path: 'questions',
      message: 'needs a question with options that set `lean`, or the history cannot move',
    });
  }
  return problems;
}
