import {
  ACTION,
  CALLBACK,
  decodeModalMetadata,
  renderCopyAsText,
  renderNoSummaryYet,
  renderOutcome,
  renderShareOutOfDate,
  renderSharing,
  SHARE_FORM_ERRORS,
  SHARE_INPUT,
} from '../../../render/index.ts';
import { refOf } from '../../core/carried-values.ts';
import { keyOfCommand, surfaceOf, userOf } from '../../core/interaction.ts';
import type { ActionArgs } from '../../core/listener-args.ts';
import { tellOf } from '../../core/reply-route.ts';
import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';
import { registerBriefReplies } from './brief-replies.ts';
import type { ShareFormChange } from './share-flow.ts';
import { readShareForm, readSharePicks } from './share-form.ts';

const STALE = renderOutcome({ type: 'stale', view: null });

/** Sharing the brief: Share… (preview, pick a place, post on submit only) and Copy as text. */
export function register(router: Router, services: Services): void {
  const { deps, users, share, failures } = services;
  registerBriefReplies(router, services);
  router.subcommand(['share'], async ({ ack, command, client, respond }) => {
    await ack();
    const user = { key: keyOfCommand(command), client };
    const opened = await share.open(user, command.trigger_id);
    if (!opened) await respond({ response_type: 'ephemeral', ...renderNoSummaryYet() });
  });

  router.action(ACTION.shareOpen, async (args) => {
    await args.ack();
    const ref = refOf(args.action);
    const opened =
      ref && (await share.open(userOf(args.body, args.client), args.body.trigger_id, ref));
    if (!opened) await tellOf(args)(STALE);
  });

  router.action(ACTION.copy, async (args) => {
    await args.ack();
    const user = userOf(args.body, args.client);
    const state = await users.peek(user.key);
    const session = state?.session;
    const where = surfaceOf(args.body);
    if (session?.status !== 'complete' || !where) {
      await tellOf(args)(STALE);
      return;
    }
    await user.client.chat.postMessage({
      channel: where.channel,
      ...renderCopyAsText(deps.engine.summary(session, { history: state?.history ?? [] })),
    });
  });

  // Ticking a section, picking a place or clearing it keeps the form in step: the preview, one
  // place at a time, and a note on where it goes before anything is posted.
  const onForm = (change: ShareFormChange) => async (args: ActionArgs) => {
    await args.ack();
    if (!args.body.view) return;
    // Only the form is at stake (nothing is saved), and a quick second tick makes Slack refuse
    // the first update's hash: log it rather than message the user about it.
    await share
      .updateForm(userOf(args.body, args.client), args.body.view, change)
      .catch((e) => failures.slackFailed('views.update', e));
  };
  router.action(ACTION.shareSections, onForm('sections'));
  router.action(SHARE_INPUT.channel.action, onForm('channel'));
  router.action(SHARE_INPUT.person.action, onForm('person'));
  router.action(ACTION.shareClear, onForm('clear'));

  router.view(CALLBACK.shareModal, async ({ ack, body, view, client }) => {
    const user = userOf(body, client);
    const meta = decodeModalMetadata(view.private_metadata);
    const current = meta && (await share.currentSummary(user.key, meta));
    if (!current) {
      await ack({ response_action: 'update', view: renderShareOutOfDate() });
      return;
    }
    const choice = readShareForm(view.state.values, user.key.userId);
    const picks = readSharePicks(view.state.values);
    // Said under the picker already; checked again so nothing is posted where it cannot land.
    if (!choice.error && picks.channel && (await share.cannotPost(user, picks.channel))) {
      choice.error = { block: picks.blocks.channel, message: SHARE_FORM_ERRORS.cannotPost };
    }
    if (choice.error || !choice.target) {
      const error = choice.error ?? {
        block: SHARE_INPUT.channel.block,
        message: SHARE_FORM_ERRORS.neither,
      };
      await ack({ response_action: 'errors', errors: { [error.block]: error.message } });
      return;
    }
    await ack({ response_action: 'update', view: renderSharing(choice.target.mention) });
    await share.post(user, view.id, current, { ...choice, target: choice.target });
  });
}
