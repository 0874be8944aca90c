import { describe, expect, it } from 'vitest';
import { BLOCK_KIT, blockKitProblems } from '../support/block-kit-limits.ts';

/** The checker is only worth trusting if each rule can be seen to fire. */

type Obj = Record<string, unknown>;

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);

function button(over: Obj = {}): Obj {
  return { type: 'button', action_id: 'go', text: plain('Go'), value: 'v', ...over };
}

function message(blocks: Obj[], over: Obj = {}): Obj {
  return { text: 'Fallback', blocks, ...over };
}

function modal(blocks: Obj[], over: Obj = {}): Obj {
  return {
    type: 'modal',
    callback_id: 'cb',
    title: plain('Title'),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: '{}',
    blocks,
    ...over,
  };
}

function select(options: Obj[], over: Obj = {}): Obj {
  return {
    type: 'static_select',
    action_id: 'pick',
    placeholder: plain('Pick'),
    options,
    ...over,
  };
}

const opt = (text: string, value: string) => ({ text: plain(text), value });

const confirm = (over: Obj = {}) => ({
  title: plain('Sure?'),
  text: plain('Really?'),
  confirm: plain('Yes'),
  deny: plain('No'),
  ...over,
});

const input = (over: Obj = {}): Obj => ({
  type: 'input',
  block_id: 'in',
  label: plain('Label'),
  element: { type: 'plain_text_input', action_id: 'words', max_length: 280 },
  ...over,
});

const validMessage = message([
  { type: 'header', text: plain('Header') },
  { type: 'section', block_id: 'a', text: mrkdwn('Hello') },
  { type: 'section', fields: [mrkdwn('one'), mrkdwn('two')] },
  { type: 'context', elements: [mrkdwn('ctx')] },
  { type: 'divider' },
  {
    type: 'actions',
    block_id: 'b',
    elements: [button({ confirm: confirm() }), button({ action_id: 'other' })],
  },
  {
    type: 'section',
    text: mrkdwn('Pick one'),
    accessory: select([opt('One', '1'), opt('Two', '2')], { initial_option: opt('Two', '2') }),
  },
]);

const validModal = modal([
  { type: 'section', text: mrkdwn('Hi') },
  input(),
  {
    type: 'input',
    block_id: 'boxes',
    optional: true,
    label: plain('Include'),
    hint: plain('Untick'),
    element: {
      type: 'checkboxes',
      action_id: 'sections',
      options: [opt('A', 'a'), opt('B', 'b')],
      initial_options: [opt('A', 'a')],
    },
  },
]);

describe('blockKitProblems', () => {
  it('finds nothing wrong with well-formed messages, modals and home views', () => {
    expect(blockKitProblems(validMessage)).toEqual([]);
    expect(blockKitProblems(validModal)).toEqual([]);
    expect(blockKitProblems({ type: 'home', blocks: [{ type: 'divider' }] })).toEqual([]);
  });

  it('accepts every limit exactly at its maximum', () => {
    const atMax = message(
      [
        { type: 'header', text: plain(x(BLOCK_KIT.headerText)) },
        {
          type: 'section',
          block_id: x(BLOCK_KIT.blockId),
          text: mrkdwn(x(BLOCK_KIT.sectionText)),
        },
        {
          type: 'section',
          fields: Array.from({ length: BLOCK_KIT.sectionFields }, () =>
            mrkdwn(x(BLOCK_KIT.sectionFieldText)),
          ),
        },
        {
          type: 'context',
          elements: Array.from({ length: BLOCK_KIT.contextElements }, () => mrkdwn('c')),
        },
        {
          type: 'actions',
          elements: Array.from({ length: BLOCK_KIT.actionsElements }, (_, i) =>
            button({
              action_id: `${i}`.padEnd(BLOCK_KIT.actionId, 'a'),
              text: plain(x(BLOCK_KIT.buttonText)),
              value: x(BLOCK_KIT.buttonValue),
              confirm: confirm({
                title: plain(x(BLOCK_KIT.confirmTitle)),
                text: plain(x(BLOCK_KIT.confirmText)),
                confirm: plain(x(BLOCK_KIT.confirmButton)),
                deny: plain(x(BLOCK_KIT.confirmButton)),
              }),
            }),
          ),
        },
        {
          type: 'actions',
          elements: [
            select(
              Array.from({ length: BLOCK_KIT.selectOptions }, (_, i) =>
                opt(x(BLOCK_KIT.optionText), `${i}`.padEnd(BLOCK_KIT.optionValue, 'v')),
              ),
            ),
          ],
        },
        ...Array.from({ length: BLOCK_KIT.messageBlocks - 6 }, () => ({ type: 'divider' })),
      ],
      { text: x(BLOCK_KIT.messageText) },
    );
    expect(blockKitProblems(atMax)).toEqual([]);
    const viewAtMax = modal(
      Array.from({ length: BLOCK_KIT.viewBlocks }, () => ({ type: 'divider' })),
      {
        title: plain(x(BLOCK_KIT.modalTitle)),
        submit: plain(x(BLOCK_KIT.modalButton)),
        close: plain(x(BLOCK_KIT.modalButton)),
        private_metadata: x(BLOCK_KIT.privateMetadata),
        callback_id: x(BLOCK_KIT.callbackId),
      },
    );
    expect(blockKitProblems(viewAtMax)).toEqual([]);
  });

  const cases: { rule: string; payload: () => unknown; expect: RegExp }[] = [
    {
      rule: 'more than 50 blocks in a message',
      payload: () => message(Array.from({ length: 51 }, () => ({ type: 'divider' }))),
      expect: /^blocks: 51 > 50 blocks/,
    },
    {
      rule: 'more than 100 blocks in a modal',
      payload: () => modal(Array.from({ length: 101 }, () => ({ type: 'divider' }))),
      expect: /^blocks: 101 > 100 blocks/,
    },
    {
      rule: 'more than 100 blocks in the Home tab',
      payload: () => ({
        type: 'home',
        blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })),
      }),
      expect: /^blocks: 101 > 100 blocks/,
    },
    {
      rule: 'section text over 3000',
      payload: () => message([{ type: 'section', text: mrkdwn(x(3001)) }]),
      expect: /^blocks\[0\]\.text\.text: 3001 > 3000/,
    },
    {
      rule: 'empty section text',
      payload: () => message([{ type: 'section', text: mrkdwn('') }]),
      expect: /^blocks\[0\]\.text\.text: text must be a non-empty string/,
    },
    {
      rule: 'more than 10 section fields',
      payload: () =>
        message([{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }]),
      expect: /^blocks\[0\]\.fields: 11 > 10 fields/,
    },
    {
      rule: 'a section field over 2000',
      payload: () => message([{ type: 'section', fields: [mrkdwn(x(2001))] }]),
      expect: /^blocks\[0\]\.fields\[0\]\.text: 2001 > 2000/,
    },
    {
      rule: 'header over 150',
      payload: () => message([{ type: 'header', text: plain(x(151)) }]),
      expect: /^blocks\[0\]\.text\.text: 151 > 150/,
    },
    {
      rule: 'header in mrkdwn',
      payload: () => message([{ type: 'header', text: mrkdwn('Hi') }]),
      expect: /^blocks\[0\]\.text\.type: must be plain_text/,
    },
    {
      rule: 'more than 10 context elements',
      payload: () =>
        message([{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }]),
      expect: /^blocks\[0\]\.elements: 11 > 10 elements/,
    },
    {
      rule: 'more than 25 actions elements',
      payload: () =>
        message([
          {
            type: 'actions',
            elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `b${i}` })),
          },
        ]),
      expect: /^blocks\[0\]\.elements: 26 > 25 elements/,
    },
    {
      rule: 'button text over 75',
      payload: () => message([{ type: 'actions', elements: [button({ text: plain(x(76)) })] }]),
      expect: /^blocks\[0\]\.elements\[0\]\.text\.text: 76 > 75/,
    },
    {
      rule: 'button text in mrkdwn',
      payload: () => message([{ type: 'actions', elements: [button({ text: mrkdwn('Go') })] }]),
      expect: /^blocks\[0\]\.elements\[0\]\.text\.type: must be plain_text/,
    },
    {
      rule: 'button value over 2000',
      payload: () => message([{ type: 'actions', elements: [button({ value: x(2001) })] }]),
      expect: /^blocks\[0\]\.elements\[0\]\.value: 2001 > 2000/,
    },
    {
      rule: 'action_id over 255',
      payload: () => message([{ type: 'actions', elements: [button({ action_id: x(256) })] }]),
      expect: /^blocks\[0\]\.elements\[0\]\.action_id: 256 > 255/,
    },
    {
      rule: 'block_id over 255',
      payload: () => message([{ type: 'divider', block_id: x(256) }]),
      expect: /^blocks\[0\]\.block_id: 256 > 255/,
    },
    {
      rule: 'duplicate block_id in a message',
      payload: () =>
        message([
          { type: 'divider', block_id: 'same' },
          { type: 'section', block_id: 'same', text: mrkdwn('x') },
        ]),
      expect: /^blocks\[1\]\.block_id: duplicate block_id "same" \(also at blocks\[0\]\)/,
    },
    {
      rule: 'duplicate block_id in a view',
      payload: () =>
        modal([
          { type: 'divider', block_id: 'same' },
          { type: 'divider', block_id: 'same' },
        ]),
      expect: /duplicate block_id "same"/,
    },
    {
      rule: 'duplicate action_id within one block',
      payload: () => message([{ type: 'actions', elements: [button(), button()] }]),
      expect: /^blocks\[0\]\.elements\[1\]\.action_id: duplicate action_id "go" in one block/,
    },
    {
      rule: 'option text over 75',
      payload: () => message([{ type: 'actions', elements: [select([opt(x(76), 'v')])] }]),
      expect: /^blocks\[0\]\.elements\[0\]\.options\[0\]\.text\.text: 76 > 75/,
    },
    {
      rule: 'option value over 150',
      payload: () => message([{ type: 'actions', elements: [select([opt('o', x(151))])] }]),
      expect: /^blocks\[0\]\.elements\[0\]\.options\[0\]\.value: 151 > 150/,
    },
    {
      rule: 'more than 100 options in a select',
      payload: () =>
        message([
          {
            type: 'actions',
            elements: [select(Array.from({ length: 101 }, (_, i) => opt('o', `v${i}`)))],
          },
        ]),
      expect: /^blocks\[0\]\.elements\[0\]\.options: 101 > 100 options/,
    },
    {
      rule: 'a select initial_option that is not one of its options',
      payload: () =>
        message([
          {
            type: 'actions',
            elements: [select([opt('a', 'a')], { initial_option: opt('b', 'b') })],
          },
        ]),
      expect: /initial_option: does not match any of the options/,
    },
    {
      rule: 'select placeholder over 150',
      payload: () =>
        message([
          { type: 'actions', elements: [select([opt('a', 'a')], { placeholder: plain(x(151)) })] },
        ]),
      expect: /placeholder\.text: 151 > 150/,
    },
    {
      rule: 'more than 10 checkbox options',
      payload: () =>
        modal([
          input({
            element: {
              type: 'checkboxes',
              action_id: 'c',
              options: Array.from({ length: 11 }, (_, i) => opt('o', `v${i}`)),
            },
          }),
        ]),
      expect: /^blocks\[0\]\.element\.options: 11 > 10 options/,
    },
    {
      rule: 'checkbox initial_options not among the options',
      payload: () =>
        modal([
          input({
            element: {
              type: 'checkboxes',
              action_id: 'c',
              options: [opt('a', 'a')],
              initial_options: [opt('z', 'z')],
            },
          }),
        ]),
      expect: /initial_options\[0\]: does not match any of the options/,
    },
    {
      rule: 'modal title over 24',
      payload: () => modal([], { title: plain(x(25)) }),
      expect: /^title\.text: 25 > 24/,
    },
    {
      rule: 'modal without a title',
      payload: () => modal([], { title: undefined }),
      expect: /^title: missing text object/,
    },
    {
      rule: 'modal submit over 24',
      payload: () => modal([], { submit: plain(x(25)) }),
      expect: /^submit\.text: 25 > 24/,
    },
    {
      rule: 'modal close over 24',
      payload: () => modal([], { close: plain(x(25)) }),
      expect: /^close\.text: 25 > 24/,
    },
    {
      rule: 'modal with an input block but no submit',
      payload: () => modal([input()], { submit: undefined }),
      expect: /^submit: a modal with an input block needs a submit button/,
    },
    {
      rule: 'private_metadata over 3000',
      payload: () => modal([], { private_metadata: x(3001) }),
      expect: /^private_metadata: 3001 > 3000/,
    },
    {
      rule: 'callback_id over 255',
      payload: () => modal([], { callback_id: x(256) }),
      expect: /^callback_id: 256 > 255/,
    },
    {
      rule: 'plain_text_input max_length over 3000',
      payload: () =>
        modal([input({ element: { type: 'plain_text_input', action_id: 'w', max_length: 3001 } })]),
      expect: /^blocks\[0\]\.element\.max_length: 3001 > 3000/,
    },
    {
      rule: 'input label over 2000',
      payload: () => modal([input({ label: plain(x(2001)) })]),
      expect: /^blocks\[0\]\.label\.text: 2001 > 2000/,
    },
    {
      rule: 'input hint over 2000',
      payload: () => modal([input({ hint: plain(x(2001)) })]),
      expect: /^blocks\[0\]\.hint\.text: 2001 > 2000/,
    },
    {
      rule: 'confirm title over 100',
      payload: () =>
        message([
          { type: 'actions', elements: [button({ confirm: confirm({ title: plain(x(101)) }) })] },
        ]),
      expect: /confirm\.title\.text: 101 > 100/,
    },
    {
      rule: 'confirm text over 300',
      payload: () =>
        message([
          { type: 'actions', elements: [button({ confirm: confirm({ text: plain(x(301)) }) })] },
        ]),
      expect: /confirm\.text\.text: 301 > 300/,
    },
    {
      rule: 'confirm button over 30',
      payload: () =>
        message([
          { type: 'actions', elements: [button({ confirm: confirm({ confirm: plain(x(31)) }) })] },
        ]),
      expect: /confirm\.confirm\.text: 31 > 30/,
    },
    {
      rule: 'deny button over 30',
      payload: () =>
        message([
          { type: 'actions', elements: [button({ confirm: confirm({ deny: plain(x(31)) }) })] },
        ]),
      expect: /confirm\.deny\.text: 31 > 30/,
    },
    {
      rule: 'a message without a text fallback',
      payload: () => message([{ type: 'divider' }], { text: undefined }),
      expect: /^text: a message needs a non-empty text fallback/,
    },
    {
      rule: 'a message with a blank text fallback',
      payload: () => message([{ type: 'divider' }], { text: '   ' }),
      expect: /^text: a message needs a non-empty text fallback/,
    },
    {
      rule: 'a message text over 40000',
      payload: () => message([{ type: 'divider' }], { text: x(40_001) }),
      expect: /^text: 40001 > 40000/,
    },
    {
      rule: 'an input block in a message',
      payload: () => message([input()]),
      expect: /^blocks\[0\]: input blocks belong in modals and the Home tab/,
    },
    {
      rule: 'a text object of an unknown type',
      payload: () => message([{ type: 'section', text: { type: 'markdown', text: 'hi' } }]),
      expect: /^blocks\[0\]\.text\.type: text object type must be plain_text or mrkdwn/,
    },
    {
      rule: 'an unknown block type',
      payload: () => message([{ type: 'sektion', text: mrkdwn('hi') }]),
      expect: /^blocks\[0\]\.type: unknown block type sektion/,
    },
  ];

  it.each(cases)('catches $rule', ({ payload, expect: pattern }) => {
    const problems = blockKitProblems(payload());
    expect(
      problems.some((p) => pattern.test(p)),
      problems.join('\n') || '(no problems)',
    ).toBe(true);
  });

  it('reports every problem at once instead of stopping at the first', () => {
    const problems = blockKitProblems(
      message(
        [
          { type: 'header', text: plain(x(151)) },
          { type: 'section', text: mrkdwn(x(3001)) },
          { type: 'actions', elements: [button({ text: plain(x(76)) })] },
        ],
        { text: '' },
      ),
    );
    expect(problems).toHaveLength(4);
  });

  it('reports problems instead of throwing on malformed input', () => {
    for (const junk of [
      null,
      42,
      'text',
      [],
      { blocks: 'nope' },
      { text: 'x', blocks: [null, 7] },
    ]) {
      expect(() => blockKitProblems(junk)).not.toThrow();
      expect(blockKitProblems(junk).length).toBeGreaterThan(0);
    }
  });
});
