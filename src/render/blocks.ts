import type {
  ActionsBlock,
  Button,
  ConfirmationDialog,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';
import { truncate } from './text.ts';

/** Small constructors that enforce Block Kit's documented limits at the point of use. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  contextElements: 10,
  actionsElements: 25,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  selectOptions: 100,
  messageText: 40_000,
} as const;

export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true },
  };
}

export function section(mrkdwn: string, blockId?: string): SectionBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText) },
  };
}

export function context(...mrkdwn: string[]): ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn
      .slice(0, LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.sectionText) })),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function button(
  text: string,
  actionId: string,
  value: string,
  extra: Partial<Pick<Button, 'style' | 'confirm' | 'accessibility_label'>> = {},
): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true },
    value,
    ...extra,
  };
}

/** The "are you sure?" dialog Slack shows before a button's action goes through. */
export function confirmDialog(
  title: string,
  text: string,
  yes: string,
  no: string,
  style?: ConfirmationDialog['style'],
): ConfirmationDialog {
  return {
    title: { type: 'plain_text', text: title },
    text: { type: 'plain_text', text },
    confirm: { type: 'plain_text', text: yes },
    deny: { type: 'plain_text', text: no },
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, elements: ActionsBlock['elements']): ActionsBlock {
  return {
    type: 'actions',
    block_id: blockId,
    elements: elements.slice(0, LIMITS.actionsElements),
  };
}

export function option(text: string, value: string): PlainTextOption {
  return {
    text: { type: 'plain_text', text: truncate(text, LIMITS.optionText), emoji: true },
    value,
  };
}
