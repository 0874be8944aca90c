import { describe, expect, it } from 'vitest';
import { Engine, type Session, SHAREABLE_SECTIONS } from '../../src/engine/index.ts';
import { loadContent } from '../../src/load-content.ts';
import { CALLBACK, decodeModalMetadata, type ModalMetadata } from '../../src/render/action-ids.ts';
import {
  renderShareModal,
  renderShareStatusModal,
  renderTextModal,
  SHARE_INPUT,
  TEXT_INPUT,
} from '../../src/render/modals.ts';

const content = loadContent();
const engine = new Engine(content);
const meta: ModalMetadata = { session: 'sess-1', step: 'problem-story', rev: 3 };
const textStep = content.exchange.steps.find((s) => s.kind === 'text');
if (textStep?.kind !== 'text') throw new Error('no text step');

type Input = {
  type: string;
  block_id?: string;
  optional?: boolean;
  label?: { text: string };
  element?: Record<string, unknown>;
  text?: { text: string };
};

describe('the "write a sentence" modal', () => {
  it('asks the step’s question, with Save and Cancel, and an input as long as the step allows', () => {
    const modal = renderTextModal(textStep, meta);
    expect(modal.callback_id).toBe(CALLBACK.textModal);
    expect(decodeModalMetadata(modal.private_metadata)).toEqual(meta);
    expect(modal.title.text).toBe(textStep.title);
    expect(modal.submit?.text).toBe('Save');
    expect(modal.close?.text).toBe('Cancel');
    const [prompt, input, note] = modal.blocks as Input[];
    expect(prompt?.text?.text).toBe(textStep.prompt);
    expect(input).toMatchObject({
      type: 'input',
      block_id: TEXT_INPUT.block,
      label: { text: 'One sentence is plenty' },
      element: {
        type: 'plain_text_input',
        action_id: TEXT_INPUT.action,
        multiline: true,
        max_length: textStep.maxLength,
        placeholder: { type: 'plain_text', text: textStep.placeholder },
      },
    });
    expect(input?.element).not.toHaveProperty('initial_value');
    expect(JSON.stringify(note)).toContain('Private to you unless you choose to share your brief.');
  });

  it('opens with the words already written, to rewrite them', () => {
    const input = renderTextModal(textStep, meta, 'My earlier words.').blocks[1] as Input;
    expect(input.element?.initial_value).toBe('My earlier words.');
  });

  it('a title longer than a modal allows is cut, not refused', () => {
    const long = { ...textStep, title: 'A title that goes on far too long for a modal' };
    const title = renderTextModal(long, meta).title.text;
    expect(title.length).toBeLessThanOrEqual(24);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('the share modal', () => {
  const session: Session = {
    id: 'sess-1',
    rev: 9,
    status: 'complete',
    current: 'summary',
    choices: {},
    texts: {},
    editing: false,
    startedAt: 0,
    updatedAt: 0,
    completedAt: 0,
  };
  const summary = engine.summary(session);

  it('one place: a channel (public or private, no bots) or a person, both optional', () => {
    const modal = renderShareModal(summary, { meta, include: [...SHAREABLE_SECTIONS] });
    expect(modal.callback_id).toBe(CALLBACK.shareModal);
    expect(decodeModalMetadata(modal.private_metadata)).toEqual(meta);
    expect(modal.title.text).toBe('Share your brief');
    expect(modal.submit?.text).toBe('Share');
    const blocks = modal.blocks as Input[];
    expect(JSON.stringify(blocks[0])).toContain('Nothing is posted until you press *Share*.');
    const byId = (id: string) => blocks.find((b) => b.block_id === id);
    expect(byId(SHARE_INPUT.channel.block)).toMatchObject({
      optional: true,
      label: { text: 'Share in a channel' },
      element: {
        type: 'conversations_select',
        action_id: SHARE_INPUT.channel.action,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      },
    });
    expect(byId(SHARE_INPUT.person.block)).toMatchObject({
      optional: true,
      label: { text: 'Or send to a person' },
      element: { type: 'users_select', action_id: SHARE_INPUT.person.action },
    });
  });

  it('the Include boxes start as chosen, and the preview shows only those sections', () => {
    const all = renderShareModal(summary, { meta, include: [...SHAREABLE_SECTIONS] });
    const boxes = (all.blocks as Input[]).find((b) => b.block_id === SHARE_INPUT.sections.block);
    expect(boxes).toMatchObject({ optional: true, label: { text: 'Include' } });
    expect(boxes?.element?.action_id).toBe(SHARE_INPUT.sections.action);
    const options = boxes?.element?.options as { value: string }[];
    // Only sections this brief has something in are offered, in the brief's order.
    const offered = options.map((o) => o.value);
    expect(offered.length).toBeGreaterThan(1);
    expect(offered).toEqual(SHAREABLE_SECTIONS.filter((s) => offered.includes(s)));
    expect(boxes?.element?.initial_options).toHaveLength(options.length);

    const none = renderShareModal(summary, { meta, include: [] });
    const noBoxes = (none.blocks as Input[]).find((b) => b.block_id === SHARE_INPUT.sections.block);
    // Slack refuses an empty initial_options: none ticked means the key is absent.
    expect(noBoxes?.element).not.toHaveProperty('initial_options');
    expect(JSON.stringify(none.blocks)).toContain('*Preview* of what will be posted');
    expect(none.blocks.length).toBeLessThan(all.blocks.length);
  });

  it('while posting and after: a status with the outcome and Done', () => {
    const status = renderShareStatusModal('Shared', 'Posted to #eng-leads.');
    expect(status.title.text).toBe('Share your brief');
    expect(status.close?.text).toBe('Done');
    expect(status).not.toHaveProperty('submit');
    expect(JSON.stringify(status.blocks)).toContain('*Shared*\\nPosted to #eng-leads.');
  });
});
