import { z } from 'zod';
import { SHAREABLE_SECTIONS, type ShareableSection } from '../../../engine/index.ts';
import { SHARE_FORM_ERRORS, SHARE_INPUT } from '../../../render/index.ts';

const sectionSchema = z.enum(SHAREABLE_SECTIONS);
const slackId = z.string().regex(/^[A-Z0-9]{2,20}$/);

const channelSchema = z.object({ selected_conversation: slackId.nullish() }).partial();
const personSchema = z.object({ selected_user: slackId.nullish() }).partial();
const sectionsSchema = z
  .object({ selected_options: z.array(z.object({ value: z.string() }).loose()).nullish() })
  .partial();

export interface ShareChoice {
  target?: { id: string; mention: string };
  include: ShareableSection[];
  error?: { block: string; message: string };
}

/** What the form holds now: each picker's block id (it changes when a pick is cleared) and pick. */
export interface SharePicks {
  channel?: string;
  person?: string;
  include: ShareableSection[];
  blocks: { channel: string; person: string };
}

/** A picker's block: its base id, or the base id with a `.n` suffix after a clear. */
const isPickerBlock = (blockId: string, base: string) =>
  blockId === base || blockId.startsWith(`${base}.`);

function entry(values: Record<string, unknown>, base: string, action: string) {
  for (const [blockId, actions] of Object.entries(values)) {
    if (!isPickerBlock(blockId, base) || typeof actions !== 'object' || actions === null) continue;
    return { blockId, value: (actions as Record<string, unknown>)[action] };
  }
  return { blockId: base, value: undefined };
}

/** Reads the share form's current picks, whatever the pickers' block ids are now. */
export function readSharePicks(raw: unknown): SharePicks {
  const values = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const channel = entry(values, SHARE_INPUT.channel.block, SHARE_INPUT.channel.action);
  const person = entry(values, SHARE_INPUT.person.block, SHARE_INPUT.person.action);
  const sections = entry(values, SHARE_INPUT.sections.block, SHARE_INPUT.sections.action);
  const channelId = channelSchema.safeParse(channel.value ?? {}).data?.selected_conversation;
  const personId = personSchema.safeParse(person.value ?? {}).data?.selected_user;
  return {
    ...(channelId ? { channel: channelId } : {}),
    ...(personId ? { person: personId } : {}),
    include: readSections(sectionsSchema.safeParse(sections.value ?? {}).data?.selected_options),
    blocks: { channel: channel.blockId, person: person.blockId },
  };
}

/** Reads the share form: exactly one place (never the user themselves), and which sections. */
export function readShareForm(values: unknown, self?: string): ShareChoice {
  const { channel, person, include, blocks } = readSharePicks(values);
  if (channel && person) {
    return { include, error: { block: blocks.person, message: SHARE_FORM_ERRORS.both } };
  }
  if (!channel && !person) {
    return { include, error: { block: blocks.channel, message: SHARE_FORM_ERRORS.neither } };
  }
  if (person && person === self) {
    return { include, error: { block: blocks.person, message: SHARE_FORM_ERRORS.self } };
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

/** A new block id for a picker, which Slack shows empty: how a pick is cleared. */
export function clearedBlock(blockId: string, base: string): string {
  const n = Number(/\.(\d+)$/.exec(blockId)?.[1] ?? 0);
  return `${base}.${n + 1}`;
}
