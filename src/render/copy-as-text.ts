import type { SummaryModel } from '../engine/index.ts';
import { renderBriefText } from './brief-text.ts';
import type { Message } from './message.ts';
import { escapeMrkdwn } from './text.ts';

/**
 * "Copy as text": the brief as Markdown in a code block, ready to paste into a 1:1 doc. Text
 * only: blocks would render the Markdown instead of showing it to copy.
 */
export function renderCopyAsText(summary: SummaryModel): Pick<Message, 'text'> {
  const brief = renderBriefText(summary);
  return {
    text: `Here is your brief as text, ready to paste into your 1:1 doc:\n\`\`\`\n${escapeMrkdwn(brief)}\n\`\`\``,
  };
}
