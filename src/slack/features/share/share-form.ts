import { z } from 'zod';
import { SHAREABLE_SECTIONS, type ShareableSection } from '../../../engine/index.ts';
import { SHARE_FORM_ERRORS, SHARE_INPUT } from '../../../render/index.ts';

const sectionSchema = z.enum(SHAREABLE_SECTIONS);
const slackId = z.string().regex(/^[A-Z0-9]{2,20}$/);

const shareValuesSchema = z.object({
  [SHARE_INPUT.channel.block]: z
    .object({
      [SHARE_INPUT.channel.action]: z
        .object({ selected_conversation: slackId.nullish() })
        .partial(),
    })
    .partial()
    .optional(),
  [SHARE_INPUT.person.block]: z
    .object({
      [SHARE_INPUT.person.action]: z.object({ selected_user: slackId.nullish() }).partial(),
    })
    .partial()
    .optional(),
  [SHARE_INPUT.sections.block]: z
    .object({
      [SHARE_INPUT.sections.action]: z
        .object({ selected_options: z.array(z.object({ value: z.string() }).loose()).nullish() })
        .partial(),
    })
    .partial()
    .optional(),
});

export interface ShareChoice {
  target?: { id: string; mention: string };
  include: ShareableSection[];
  error?: { block: string; message: string };
}

/** Reads the share form: exactly one place, and which sections to keep. */
export function readShareForm(values: unknown): ShareChoice {
  const parsed = shareValuesSchema.safeParse(values ?? {});
  const v = parsed.success ? parsed.data : {};
  const channel =
    v[SHARE_INPUT.channel.block]?.[SHARE_INPUT.channel.action]?.selected_conversation ?? undefined;
  const person =
    v[SHARE_INPUT.person.block]?.[SHARE_INPUT.person.action]?.selected_user ?? undefined;
  const include = readSections(
    v[SHARE_INPUT.sections.block]?.[SHARE_INPUT.sections.action]?.selected_options,
  );
  if (channel && person) {
    return {
      include,
      error: { block: SHARE_INPUT.person.block, message: SHARE_FORM_ERRORS.both },
    };
  }
  if (!channel && !person) {
    return {
      include,
      error: { block: SHARE_INPUT.channel.block, message: SHARE_FORM_ERRORS.neither },
    };
  }
  const target = channel
    ? { id: channel, mention: `<#${channel}>` }
    : { id: person as string, mention: `<@${person}>` };
  return { target, include };
}

function readSections(options: { value: string }[] | null | undefined): ShareableSection[] {
  if (!options) return [];
  return options.flatMap((o) => {
    const s = sectionSchema.safeParse(o.value);
    return s.success ? [s.data] : [];
  });
}
