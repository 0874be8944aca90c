import type { BlockElementAction } from '@slack/bolt';
import type { EngineEvent } from '../../engine/index.ts';
import {
  ACTION,
  ANSWER_ACTION_PATTERN,
  decodeRef,
  type RefValue,
} from '../../render/action-ids.ts';
import { renderBriefText } from '../../render/brief-text.ts';
import { renderTextModal } from '../../render/modals.ts';
import { renderProblem, renderStale } from '../../render/notices.ts';
import { escapeMrkdwn } from '../../render/text.ts';
import type { SlackDeps } from '../deps.ts';
import type { ExchangeService, UserContext } from '../exchange-service.ts';
import { type ActionArgs, replaceOf, surfaceOf, tellOf, userOfAction } from '../interaction.ts';
import type { ListenerRegistry } from '../listener-router.ts';
import type { ShareFlow } from '../share-flow.ts';
import { explainSlackError } from '../slack-errors.ts';

/** The value a button or select carried; a forged or foreign value reads as null. */
function refOf(action: BlockElementAction): RefValue | null {
  if (action.type === 'button') return decodeRef(action.value);
  if (action.type === 'static_select') return decodeRef(action.selected_option?.value);
  return null;
}

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
    case ACTION.restart:
      return { type: 'restart' };
    case ACTION.resume:
      return { type: 'start' };
    default:
      return null;
  }
}

export function registerActions(
  app: ListenerRegistry,
  deps: SlackDeps,
  exchange: ExchangeService,
  share: ShareFlow,
): void {
  const onMessageAction = async (args: ActionArgs) => {
    await args.ack();
    const ref = refOf(args.action);
    const event = ref && eventFor(args.action.action_id, ref);
    const where = surfaceOf(args.body);
    if (!event || !where) {
      deps.logger.warn({ action: args.action.action_id }, 'ignored an action with no usable value');
      return;
    }
    const user = userOfAction(args);
    // A restart from the summary must still come from this user's current run.
    if (event.type === 'restart' && ref && !(await isCurrent(deps, user, ref))) {
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderStale(null),
      });
      return;
    }
    await exchange.clickOn(user, event, where, tellOf(args), replaceOf(args));
  };

  app.action(ANSWER_ACTION_PATTERN, onMessageAction);
  for (const id of [
    ACTION.answerSelect,
    ACTION.back,
    ACTION.pause,
    ACTION.textSkip,
    ACTION.edit,
    ACTION.restart,
  ]) {
    app.action(id, onMessageAction);
  }

  // The stale notice is ephemeral (it cannot be edited), so "take me there" posts afresh.
  app.action(ACTION.resume, async (args) => {
    await args.ack();
    const a = args as unknown as ActionArgs;
    const where = surfaceOf(a.body);
    const user = userOfAction(a);
    if (a.body.container?.is_ephemeral || !where) {
      await exchange.postCurrent(user, { type: 'start' });
      return;
    }
    await exchange.clickOn(user, { type: 'start' }, where, tellOf(a), replaceOf(a));
  });

  app.action(ACTION.textOpen, async (args) => {
    await args.ack();
    const a = args as unknown as ActionArgs;
    const ref = refOf(a.action);
    const where = surfaceOf(a.body);
    const user = userOfAction(a);
    const state = await deps.store.get(user.key);
    const session = state?.session;
    const step = session && deps.engine.graph.step(session.current);
    if (
      !ref ||
      !where ||
      !session ||
      step?.kind !== 'text' ||
      !deps.engine.isCurrent(session, ref)
    ) {
      await a.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderStale(session ? deps.engine.view(session) : null),
      });
      return;
    }
    await user.client.views
      .open({
        trigger_id: a.body.trigger_id,
        view: renderTextModal(
          step,
          { session: session.id, step: step.id, rev: session.rev, ...where },
          session.texts[step.id] || undefined,
        ),
      })
      .catch((e) => tellProblem(a, exchange.logFailure('views.open', e)));
  });

  app.action(ACTION.shareOpen, async (args) => {
    await args.ack();
    const a = args as unknown as ActionArgs;
    const user = userOfAction(a);
    const ref = refOf(a.action);
    const opened =
      ref &&
      (await isCurrent(deps, user, ref)) &&
      (await share.open(user, a.body.trigger_id).catch(async (e) => {
        await tellProblem(a, exchange.logFailure('views.open', e));
        return true;
      }));
    if (!opened)
      await a.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderStale(null),
      });
  });

  app.action(ACTION.copy, async (args) => {
    await args.ack();
    const a = args as unknown as ActionArgs;
    const user = userOfAction(a);
    const session = (await deps.store.get(user.key))?.session;
    const where = surfaceOf(a.body);
    if (session?.status !== 'complete' || !where) {
      await a.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderStale(null),
      });
      return;
    }
    const brief = renderBriefText(deps.engine.summary(session));
    await user.client.chat
      .postMessage({
        channel: where.channel,
        text: `Here is your brief as text, ready to paste into your 1:1 doc:\n\`\`\`\n${escapeMrkdwn(brief)}\n\`\`\``,
      })
      .catch((e) => tellProblem(a, exchange.logFailure('chat.postMessage', e)));
  });

  app.action(ACTION.shareSections, async (args) => {
    await args.ack();
    const a = args as unknown as ActionArgs;
    if (!a.body.view) return;
    await share
      .refreshPreview(userOfAction(a), a.body.view)
      .catch((e) => exchange.logFailure('views.update', e));
  });
}

/** Tells only the clicking user what went wrong and what to do; their state is already saved. */
async function tellProblem(args: ActionArgs, code: string): Promise<void> {
  await tellOf(args)(renderProblem(explainSlackError(code))).catch(() => {});
}

async function isCurrent(deps: SlackDeps, user: UserContext, ref: RefValue): Promise<boolean> {
  const session = (await deps.store.get(user.key))?.session;
  return deps.engine.isCurrent(session, ref);
}
