import { z } from 'zod';

/**
 * Action and callback ids, shared by the renderer (which puts them on buttons) and the listeners
 * (which match them). Answer buttons get an index suffix because action ids must be unique
 * within a block.
 */
export const ACTION = {
  answer: 'career.answer',
  answerSelect: 'career.answer.select',
  back: 'career.back',
  pause: 'career.pause',
  textOpen: 'career.text.open',
  textSkip: 'career.text.skip',
  edit: 'career.edit',
  keep: 'career.edit.keep',
  shareOpen: 'career.share.open',
  restart: 'career.restart',
  copy: 'career.copy',
  resume: 'career.resume',
  homeRestart: 'career.home.restart',
  shareSections: 'career.share.sections',
  shareClear: 'career.share.clear',
  checkinAnswer: 'career.checkin.answer',
  checkinSkip: 'career.checkin.skip',
  checkinSnooze: 'career.checkin.snooze',
  checkinStop: 'career.checkin.stop',
  checkinOptIn: 'career.checkin.optin',
  homeCadence: 'career.home.cadence',
  homeWeekday: 'career.home.weekday',
  homeTime: 'career.home.time',
  homeResumeCheckins: 'career.home.checkins.resume',
  homeOpenBrief: 'career.home.brief',
  homeForget: 'career.home.forget',
  /** On a shared brief, pressed by its recipient. */
  briefTalk: 'career.brief.talk',
  briefSuggest: 'career.brief.suggest',
  /** On the recipient's Home: open a brief shared with them again. */
  homeSharedBrief: 'career.home.shared',
} as const;

export const CALLBACK = {
  textModal: 'career.text.modal',
  shareModal: 'career.share.modal',
  /** The recipient's "Suggest what to try first" note. */
  suggestModal: 'career.brief.suggest.modal',
} as const;

export const ANSWER_ACTION_PATTERN = /^career\.answer(\.\d+)?$/;

export function answerActionId(index: number): string {
  return `${ACTION.answer}.${index}`;
}

const token = z.string().regex(/^[a-z0-9-]{1,32}$/);

// Built once: zod 4 compiles an object schema on first use, so building it per click cost ~9% of
// the bot's CPU under load (see bench/).
const refPartsSchema = z.object({
  session: token,
  step: token,
  rev: z.coerce.number().int().min(0),
  option: token.optional(),
});

/** session:step:rev[:option] — compact, well under Block Kit's 150-character value limit. */
export const refValueSchema = z
  .string()
  .max(150)
  .transform((value, ctx) => {
    const [session, step, rev, option, ...rest] = value.split(':');
    const parsed = refPartsSchema.safeParse({ session, step, rev, option });
    if (!parsed.success || rest.length > 0) {
      ctx.addIssue({ code: 'custom', message: 'not a career-path button value' });
      return z.NEVER;
    }
    return parsed.data;
  });

export interface RefValue {
  session: string;
  step: string;
  rev: number;
  option?: string;
}

export function encodeRef(ref: RefValue): string {
  const base = `${ref.session}:${ref.step}:${ref.rev}`;
  return ref.option === undefined ? base : `${base}:${ref.option}`;
}

export function decodeRef(value: unknown): RefValue | null {
  const parsed = refValueSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** What a modal remembers between open and submit; checked against the clicking user's session. */
export const modalMetadataSchema = z
  .object({
    session: token,
    step: token,
    rev: z.number().int().min(0),
    channel: z
      .string()
      .regex(/^[A-Z0-9]{1,20}$/)
      .optional(),
    ts: z
      .string()
      .regex(/^\d{1,12}\.\d{1,8}$/)
      .optional(),
  })
  .strict();
export type ModalMetadata = z.infer<typeof modalMetadataSchema>;

export function decodeModalMetadata(raw: unknown): ModalMetadata | null {
  if (typeof raw !== 'string' || raw.length > 3000) return null;
  try {
    const parsed = modalMetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const slackId = z.string().regex(/^[A-Z0-9]{2,20}$/);

/**
 * Which brief a recipient is answering: who shared it (and in which team), and when it was
 * written, which tells one brief of the sharer's from the next. Carried by the buttons under a
 * shared brief and by the suggestion modal's metadata.
 */
export const briefRefSchema = z
  .object({
    sharer: slackId,
    team: slackId.optional(),
    at: z.number().int().min(0),
  })
  .strict();
export type BriefRef = z.infer<typeof briefRefSchema>;

/** `b:SHARER:AT[:TEAM]`: compact and far below the 150-character value limit. */
export function encodeBriefRef(ref: BriefRef): string {
  const base = `b:${ref.sharer}:${ref.at}`;
  return ref.team ? `${base}:${ref.team}` : base;
}

export function decodeBriefRef(value: unknown): BriefRef | null {
  if (typeof value !== 'string' || value.length > 150) return null;
  const [tag, sharer, at, team, ...rest] = value.split(':');
  if (tag !== 'b' || rest.length > 0 || !at || !/^\d{1,15}$/.test(at)) return null;
  const parsed = briefRefSchema.safeParse({
    sharer,
    at: Number(at),
    ...(team !== undefined ? { team } : {}),
  });
  return parsed.success ? parsed.data : null;
}
