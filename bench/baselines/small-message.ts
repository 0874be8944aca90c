import type { KnownBlock } from '@slack/types';

export const BASELINE_NEXT_ACTION = 'baseline.next';

/** The message B1 posts: one line and one button, which the load generator clicks next. */
export function smallMessage(step: number): { text: string; blocks: KnownBlock[] } {
  return {
    text: `Step ${step}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*Step ${step}*: pick one.` } },
      {
        type: 'actions',
        block_id: 'answer',
        elements: [
          {
            type: 'button',
            action_id: BASELINE_NEXT_ACTION,
            text: { type: 'plain_text', text: 'Next' },
            value: String(step + 1),
          },
        ],
      },
    ],
  };
}
