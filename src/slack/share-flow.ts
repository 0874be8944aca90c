import type { ViewOutput } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { SHAREABLE_SECTIONS, type ShareableSection, type SummaryModel } from '../engine/index.ts';
import { decodeModalMetadata, type ModalMetadata } from '../render/action-ids.ts';
import { renderShareModal, renderShareStatusModal, SHARE_INPUT } from '../render/modals.ts';
import { renderSharedBrief } from '../render/summary.ts';
import type { UserKey } from '../store/index.ts';
import type { SlackDeps } from './deps.ts';
import type { ExchangeService, UserContext } from './exchange-service.ts';
import { explainSlackError } from './slack-errors.ts';

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
      error: { block: SHARE_INPUT.person.block, message: 'Pick a channel or a person, not both.' },
    };
  }
  if (!channel && !person) {
    return {
      include,
      error: {
        block: SHARE_INPUT.channel.block,
        message: 'Pick where to share: a channel, or a person below.',
      },
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

/** The Share… modal: open, keep the preview in step with the checkboxes, post on submit only. */
export class ShareFlow {
  constructor(
    private readonly deps: SlackDeps,
    private readonly exchange: ExchangeService,
  ) {}

  /** The user's finished summary, if the modal's metadata still matches their session. */
  async currentSummary(
    key: UserKey,
    meta?: ModalMetadata | null,
  ): Promise<{ summary: SummaryModel; meta: ModalMetadata } | null> {
    const session = (await this.deps.store.get(key))?.session;
    if (session?.status !== 'complete') return null;
    if (meta && !this.deps.engine.isCurrent(session, meta)) return null;
    return {
      summary: this.deps.engine.summary(session),
      meta: { session: session.id, step: 'summary', rev: session.rev },
    };
  }

  /** Opens the modal; false when there is no finished brief to share yet. */
  async open(user: UserContext, triggerId: string): Promise<boolean> {
    const current = await this.currentSummary(user.key);
    if (!current) return false;
    await user.client.views.open({
      trigger_id: triggerId,
      view: renderShareModal(current.summary, {
        meta: current.meta,
        include: [...SHAREABLE_SECTIONS],
      }),
    });
    return true;
  }

  async refreshPreview(user: UserContext, view: ViewOutput): Promise<void> {
    const meta = decodeModalMetadata(view.private_metadata);
    const current = meta && (await this.currentSummary(user.key, meta));
    if (!current) return;
    const { include } = readShareForm(view.state.values);
    await user.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: renderShareModal(current.summary, { meta: current.meta, include }),
    });
  }

  /** Called after the modal was acked into its "Sharing…" state. */
  async post(
    user: UserContext,
    viewId: string,
    summary: SummaryModel,
    choice: Required<Pick<ShareChoice, 'target'>> & ShareChoice,
  ): Promise<void> {
    const { target, include } = choice;
    let status: ModalView;
    try {
      await user.client.chat.postMessage({
        channel: target.id,
        ...renderSharedBrief(summary, user.key.userId, include),
      });
      status = renderShareStatusModal(
        'Shared ✓',
        `Your brief is in ${target.mention}. Your copy stays in our DM.`,
      );
    } catch (error) {
      const code = this.exchange.logFailure('chat.postMessage', error);
      status = renderShareStatusModal("Couldn't share it", explainSlackError(code, target.mention));
    }
    await user.client.views
      .update({ view_id: viewId, view: status })
      .catch((e) => this.exchange.logFailure('views.update', e));
  }
}
