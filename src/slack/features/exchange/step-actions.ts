import type { EngineEvent } from '../../../engine/index.ts';
import { ACTION, ANSWER_ACTION_PATTERN, type RefValue } from '../../../render/index.ts';
import { refOf } from '../../core/carried-values.ts';
import { surfaceOf, userOf } from '../../core/interaction.ts';
import type { ActionArgs } from '../../core/listener-args.ts';
import { replaceOf, tellOf } from '../../core/reply-route.ts';
import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';

const asRef = (r: RefValue) => ({ session: r.session, step: r.step, rev: r.rev });

/** Maps a click to an engine event; null when the click carries nothing usable. */
function eventFor(actionId: string, ref: RefValue): EngineEvent | null {
  if (ANSWER_ACTION_PATTERN.test(actionId) || actionId === ACTION.answerSelect) {
    return ref.option ? { type: 'choose', ref: asRef(ref), option: ref.option } : null;
  }
  switch (actionId) {
    case ACTION.back:
      return { type: 'back', ref: asRef(ref) };
    case ACTION.pause:
      return { type: 'pause', ref: asRef(ref) };
    case ACTION.textSkip:
      return { type: 'skip', ref: asRef(ref) };
    case ACTION.edit:
      return ref.option ? { type: 'edit', ref: asRef(ref), step: ref.option } : null;
    case ACTION.keep:
      return { type: 'keep', ref: asRef(ref) };
    case ACTION.restart:
      // The engine checks that a Start over comes from the current run, under the user's lock.
      return { type: 'restart', ref: asRef(ref) };
    case ACTION.resume:
      return { type: 'start' };
    default:
      return null;
  }
}

/** The buttons on a step or the brief: answer, Back, Stop for now, Skip, Change, Start over. */
export function registerStepActions(router: Router, { deps, exchange }: Services): void {
  const onStepAction = async (args: ActionArgs) => {
    await args.ack();
    const ref = refOf(args.action);
    const event = ref && eventFor(args.action.action_id, ref);
    const where = surfaceOf(args.body);
    if (!event || !where) {
      deps.logger.warn({ action: args.action.action_id }, 'ignored an action with no usable value');
      return;
    }
    await exchange.clickOn(userOf(args.body, args.client), event, {
      where,
      tell: tellOf(args),
      replace: replaceOf(args),
    });
  };
  router.action(ANSWER_ACTION_PATTERN, onStepAction);
  for (const id of [
    ACTION.answerSelect,
    ACTION.back,
    ACTION.pause,
    ACTION.textSkip,
    ACTION.edit,
    ACTION.keep,
    ACTION.restart,
  ]) {
    router.action(id, onStepAction);
  }

  // The stale notice is ephemeral (it cannot be edited), so "take me there" posts afresh.
  router.action(ACTION.resume, async (args) => {
    await args.ack();
    const where = surfaceOf(args.body);
    const user = userOf(args.body, args.client);
    if (args.body.container?.is_ephemeral || !where) {
      await exchange.postCurrent(user, { type: 'start' });
      return;
    }
    await exchange.clickOn(
      user,
      { type: 'start' },
      { where, tell: tellOf(args), replace: replaceOf(args) },
    );
  });
}
