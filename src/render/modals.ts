import type { KnownBlock, ModalView } from '@slack/types';
import {
  SHAREABLE_SECTIONS,
  type ShareableSection,
  type SummaryModel,
  type TextStep,
} from '../engine/index.ts';
import { ACTION, CALLBACK, type ModalMetadata } from './action-ids.ts';
import { actions, button, context, LIMITS, option, section } from './blocks.ts';
import { BRIEF_REPLY, SECTION_TITLES } from './brief-text.ts';
import { renderSharedBriefBlocks, renderSummaryBody } from './summary.ts';

/** Under the preview: the shared post ends with the recipient's answer buttons. */
const SHARE_PREVIEW_BUTTONS = `Under the brief, the person you share with gets two buttons: “${BRIEF_REPLY.talk}” and “${BRIEF_REPLY.suggest}”. Their answer comes to you here.`;

import { truncate } from './text.ts';

export const TEXT_INPUT = { block: 'words', action: 'words.input' } as const;
export const SHARE_INPUT = {
  channel: { block: 'share-channel', action: 'share.channel' },
  person: { block: 'share-person', action: 'share.person' },
  sections: { block: 'share-sections', action: ACTION.shareSections },
  clear: { block: 'share-clear', action: 'career.share.clear' },
} as const;

function title(text: string): ModalView['title'] {
  return { type: 'plain_text', text: truncate(text, LIMITS.modalTitle) };
}

export function renderTextModal(step: TextStep, meta: ModalMetadata, current?: string): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.textModal,
    private_metadata: JSON.stringify(meta),
    title: title(step.title),
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(step.prompt),
      {
        type: 'input',
        block_id: TEXT_INPUT.block,
        label: { type: 'plain_text', text: 'One sentence is plenty' },
        hint: { type: 'plain_text', text: `Up to ${step.maxLength} characters.` },
        element: {
          type: 'plain_text_input',
          action_id: TEXT_INPUT.action,
          multiline: true,
          max_length: step.maxLength,
          placeholder: { type: 'plain_text', text: step.placeholder },
          ...(current ? { initial_value: current } : {}),
        },
      },
      context('Private to you unless you choose to share your brief.'),
    ],
  };
}

export interface ShareModalState {
  meta: ModalMetadata;
  include: readonly ShareableSection[];
  /**
   * Block ids of the two pickers. Slack keeps a pick while the id stays, so a new id is how a pick
   * is cleared (Clear, or picking the other kind of place); default `SHARE_INPUT.*.block`.
   */
  pickers?: { channel: string; person: string };
  /** Said under the pickers before anything is posted: where it goes, or why it can't. */
  note?: string;
  /** Something is picked: offer to clear it. */
  picked?: boolean;
  /**
   * The sharer's user id. Given, the preview is the shared post itself (renderSharedBriefBlocks,
   * byte for byte); without it, only the brief's body.
   */
  sharer?: string;
  /** The sharer's zone, for the date's plain fallback. */
  tz?: string;
}

/** Sections this brief has something in: the only ones worth a checkbox. */
export function sectionsWithContent(summary: SummaryModel): ShareableSection[] {
  const has: Record<ShareableSection, boolean> = {
    ask: summary.ask !== null,
    tensions: summary.tensions.length > 0,
    role: summary.role !== null,
    reasons: summary.reasons.length > 0,
    misconceptions: summary.misconceptions.length > 0,
    evidence: summary.evidence.length > 0,
    talkingPoints: summary.talkingPoints.length > 0,
    experiments: summary.experiments.length > 0,
    ownWords: summary.ownWords.length > 0 || summary.note !== null,
  };
  return SHAREABLE_SECTIONS.filter((s) => has[s]);
}

function shareForm(state: ShareModalState): KnownBlock[] {
  const pickers = state.pickers ?? {
    channel: SHARE_INPUT.channel.block,
    person: SHARE_INPUT.person.block,
  };
  const blocks: KnownBlock[] = [
    section(
      'Choose *one* place: a channel, or a person (your manager, say). Picking one clears the other. Nothing is posted until you press *Share*.',
    ),
    {
      type: 'input',
      block_id: pickers.channel,
      optional: true,
      dispatch_action: true,
      label: { type: 'plain_text', text: 'Share in a channel' },
      element: {
        type: 'conversations_select',
        action_id: SHARE_INPUT.channel.action,
        placeholder: { type: 'plain_text', text: 'Pick a channel' },
        filter: {
          include: ['public', 'private'],
          exclude_bot_users: true,
          exclude_external_shared_channels: true,
        },
      },
    },
    {
      type: 'input',
      block_id: pickers.person,
      optional: true,
      dispatch_action: true,
      label: { type: 'plain_text', text: 'Or send to a person' },
      element: {
        type: 'users_select',
        action_id: SHARE_INPUT.person.action,
        placeholder: { type: 'plain_text', text: 'Pick a person' },
      },
    },
  ];
  if (state.note) blocks.push(context(state.note));
  if (state.picked) {
    blocks.push(
      actions(SHARE_INPUT.clear.block, [button('Clear my pick', ACTION.shareClear, 'clear')]),
    );
  }
  return blocks;
}

export function renderShareModal(summary: SummaryModel, state: ShareModalState): ModalView {
  const sectionOptions = sectionsWithContent(summary).map((s) => option(SECTION_TITLES[s], s));
  const initial = sectionOptions.filter((o) => state.include.includes(o.value as ShareableSection));
  const preview = state.sharer
    ? [
        ...renderSharedBriefBlocks(summary, state.sharer, state.include, {
          ...(state.tz ? { tz: state.tz } : {}),
        }),
        context(SHARE_PREVIEW_BUTTONS),
      ]
    : renderSummaryBody(summary, state.include);
  const blocks: KnownBlock[] = [
    ...shareForm(state),
    {
      type: 'input',
      block_id: SHARE_INPUT.sections.block,
      optional: true,
      dispatch_action: true,
      label: { type: 'plain_text', text: 'Include' },
      hint: {
        type: 'plain_text',
        text: 'Untick anything you would rather keep to yourself. The preview below follows.',
      },
      element: {
        type: 'checkboxes',
        action_id: SHARE_INPUT.sections.action,
        options:
          sectionOptions.length > 0
            ? sectionOptions
            : [option(SECTION_TITLES.talkingPoints, 'talkingPoints')],
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
    },
    { type: 'divider' },
    context('*Preview* of what will be posted'),
    ...preview,
  ];
  return {
    type: 'modal',
    callback_id: CALLBACK.shareModal,
    private_metadata: JSON.stringify(state.meta),
    title: title('Share your brief'),
    submit: { type: 'plain_text', text: 'Share' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: blocks.slice(0, LIMITS.viewBlocks),
  };
}

/** Shown in place of the share form while posting, then replaced by the outcome. */
export function renderShareStatusModal(heading: string, body: string): ModalView {
  return {
    type: 'modal',
    title: title('Share your brief'),
    close: { type: 'plain_text', text: 'Done' },
    blocks: [section(`*${heading}*\n${body}`)],
  };
}
