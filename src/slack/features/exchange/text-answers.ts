import {
  ACTION,
  CALLBACK,
  decodeModalMetadata,
  EMPTY_TEXT_ERROR,
  renderOutcome,
  renderTextModal,
  TEXT_INPUT,
} from '../../../render/index.ts';
import { refOf } from '../../core/carried-values.ts';
import { surfaceOf, userOf } from '../../core/interaction.ts';
import { tellOf } from '../../core/reply-route.ts';
import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';

/** A free-text step answered in a modal: open it from the step, save the words on submit. */
export function registerTextAnswers(router: Router, { deps, users, exchange }: Services): void {
  router.action(ACTION.textOpen, async (args) => {
    await args.ack();
    const ref = refOf(args.action);
    const where = surfaceOf(args.body);
    const user = userOf(args.body, args.client);
    // Opening shows what is there and saves nothing, so it reads without the user's lock.
    const session = (await users.peek(user.key))?.session;
    const step = session && deps.engine.graph.step(session.current);
    if (
      !ref ||
      !where ||
      !session ||
      step?.kind !== 'text' ||
      !deps.engine.isCurrent(session, ref)
    ) {
      const view = session ? deps.engine.view(session) : null;
      await tellOf(args)(renderOutcome({ type: 'stale', view }));
      return;
    }
    await user.client.views.open({
      trigger_id: args.body.trigger_id,
      view: renderTextModal(
        step,
        { session: session.id, step: step.id, rev: session.rev, ...where },
        session.texts[step.id] || undefined,
      ),
    });
  });

  router.view(CALLBACK.textModal, async ({ ack, body, view, client }) => {
    const meta = decodeModalMetadata(view.private_metadata);
    const raw = view.state.values[TEXT_INPUT.block]?.[TEXT_INPUT.action]?.value;
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!meta?.channel || !meta.ts) {
      await ack();
      deps.logger.warn('text modal submitted without valid metadata');
      return;
    }
    if (text === '') {
      await ack({ response_action: 'errors', errors: { [TEXT_INPUT.block]: EMPTY_TEXT_ERROR } });
      return;
    }
    await ack();
    const user = userOf(body, client);
    const dm = meta.channel;
    // The modal was opened from a step in this user's DM; metadata naming any other place is not
    // ours, and acting on it would edit a message somewhere the user never chose.
    if ((await users.peek(user.key))?.dm !== dm) {
      deps.logger.warn('text modal metadata names a channel that is not the user’s DM');
      return;
    }
    await exchange.clickOn(
      user,
      { type: 'write', ref: { session: meta.session, step: meta.step, rev: meta.rev }, text },
      {
        where: { channel: dm, ts: meta.ts },
        // A modal has no response_url: a notice goes to the DM as an ephemeral, seen only by this user.
        tell: async (message) => {
          await client.chat.postEphemeral({ channel: dm, user: body.user.id, ...message });
        },
      },
    );
  });
}
