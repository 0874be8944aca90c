import { describe, expect, it } from 'vitest';
import { actions, button, context, header, LIMITS, option } from '../../src/render/blocks.ts';

describe('Block Kit constructors', () => {
  it('headers, buttons and options show :emoji: codes as emoji', () => {
    expect(header(':wave: Hi').text).toEqual({
      type: 'plain_text',
      text: ':wave: Hi',
      emoji: true,
    });
    expect(button(':white_check_mark: Done', 'a', 'v').text).toEqual({
      type: 'plain_text',
      text: ':white_check_mark: Done',
      emoji: true,
    });
    expect(option(':calendar: Weekly', 'v').text).toEqual({
      type: 'plain_text',
      text: ':calendar: Weekly',
      emoji: true,
    });
  });

  it('keep to Slack’s element limits: 10 in a context, 25 in an actions block', () => {
    const many = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const ctx = context(...many);
    expect(ctx.elements.map((e) => ('text' in e ? e.text : ''))).toEqual(
      many.slice(0, LIMITS.contextElements),
    );
    const row = actions(
      'row',
      many.map((m, i) => button(m, `a.${i}`, String(i))),
    );
    expect(row.elements.map((e) => ('action_id' in e ? e.action_id : ''))).toEqual(
      many.slice(0, LIMITS.actionsElements).map((_, i) => `a.${i}`),
    );
  });
});
