import { z } from 'zod';
import { ACTION } from './action-ids.ts';

/** Answer buttons carry an index suffix: action ids must be unique within a block. */
export const CHECKIN_ANSWER_PATTERN = /^career\.checkin\.answer\.\d+$/;

export function checkinAnswerActionId(index: number): string {
  return `${ACTION.checkinAnswer}.${index}`;
}

const token = z.string().regex(/^[a-z0-9-]{1,32}$/);

/** What a check-in button carries: its slot (so old messages are told apart) and the answer. */
export interface CheckinValue {
  slot: number;
  question?: string;
  option?: string;
}

/** `ck:<slot in base 36>[:question:option]`: short, and distinct from exchange button values. */
export function encodeCheckin(value: CheckinValue): string {
  const base = `ck:${value.slot.toString(36)}`;
  return value.question && value.option ? `${base}:${value.question}:${value.option}` : base;
}

const checkinValueSchema = z
  .string()
  .max(150)
  .transform((raw, ctx) => {
    const [tag, slot, question, option, ...rest] = raw.split(':');
    const parsed = z
      .object({
        slot: z
          .string()
          .regex(/^[0-9a-z]{1,12}$/)
          .transform((s) => Number.parseInt(s, 36)),
        question: token.optional(),
        option: token.optional(),
      })
      .safeParse({ slot, question, option });
    if (tag !== 'ck' || !parsed.success || rest.length > 0 || (question && !option)) {
      ctx.addIssue({ code: 'custom', message: 'not a check-in button value' });
      return z.NEVER;
    }
    return parsed.data;
  });

export function decodeCheckin(raw: unknown): CheckinValue | null {
  const parsed = checkinValueSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
