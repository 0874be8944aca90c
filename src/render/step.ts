import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { StepView } from '../engine/index.ts';
import { ACTION, answerActionId, encodeRef } from './action-ids.ts';
import { actions, button, context, option, section } from './blocks.ts';
import type { Message } from './message.ts';
import { escapeMrkdwn, quote } from './text.ts';

/** More options than this become a dropdown: a row of six buttons wraps badly on a phone. */
export const MAX_BUTTONS = 5;

export function progressLabel(view: StepView): string {
  return view.editing
    ? `Changing one answer · ${view.step.title}`
    : `Step ${view.index} of ${view.total} · ${view.step.title}`;
}

export function renderStep(view: StepView): Message {
  const { step } = view;
  const ref = { session: view.sessionId, step: step.id, rev: view.rev };
  const blocks: KnownBlock[] = [
    context(`*${escapeMrkdwn(progressLabel(view))}*`),
    section(step.prompt, 'prompt'),
  ];
  if (step.hint) blocks.push(context(step.hint));

  if (step.kind === 'choice') {
    if (step.options.length <= MAX_BUTTONS) {
      blocks.push(
        actions(
          'answer',
          step.options.map((o, i) =>
            button(
              o.label,
              answerActionId(i),
              encodeRef({ ...ref, option: o.id }),
              o.id === view.chosen ? { style: 'primary' } : {},
            ),
          ),
        ),
      );
    } else {
      const options = step.options.map((o) => option(o.label, encodeRef({ ...ref, option: o.id })));
      const initial = options[step.options.findIndex((o) => o.id === view.chosen)];
      blocks.push(
        actions('answer', [
          {
            type: 'static_select',
            action_id: ACTION.answerSelect,
            placeholder: { type: 'plain_text', text: 'Pick the closest' },
            options,
            ...(initial ? { initial_option: initial } : {}),
          },
        ]),
      );
    }
  } else {
    if (view.text) blocks.push(section(`Your words so far:\n${quote(view.text)}`));
    blocks.push(
      actions('answer', [
        button(view.text ? 'Rewrite it' : 'Write a sentence', ACTION.textOpen, encodeRef(ref), {
          style: 'primary',
        }),
        button(view.text ? 'Keep it' : 'Skip', ACTION.textSkip, encodeRef(ref)),
      ]),
      context(
        `Or just reply here with a sentence (up to ${step.maxLength} characters). It is optional, and it stays private unless you share your brief.`,
      ),
    );
  }

  const nav: ActionsBlock['elements'] = [];
  if (step.kind === 'choice' && step.optional)
    nav.push(button('Skip this', ACTION.textSkip, encodeRef(ref)));
  if (view.canGoBack) nav.push(button('← Back', ACTION.back, encodeRef(ref)));
  // Changing one answer from the brief can be called off; a text step already says "Keep it".
  if (view.editing && step.kind === 'choice' && view.chosen)
    nav.push(button('Keep my answer', ACTION.keep, encodeRef(ref)));
  if (!view.editing) nav.push(button('Stop for now', ACTION.pause, encodeRef(ref)));
  if (nav.length > 0) blocks.push(actions('nav', nav));

  return { text: `${progressLabel(view)}: ${step.prompt}`, blocks };
}

/** What an answered step collapses to once the conversation has moved on below it. */
export function renderAnsweredStep(view: StepView, answer: string): Message {
  return {
    text: `${progressLabel(view)}: answered`,
    blocks: [context(`✓ *${escapeMrkdwn(progressLabel(view))}*`), section(quote(answer))],
  };
}
