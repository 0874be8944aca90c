import { z } from 'zod';
import {
  ACTION,
  type BriefRef,
  CALLBACK,
  decodeBriefRef,
  renderBriefReply,
  renderBriefReplySent,
  renderBriefUnavailable,
  renderSuggestModal,
  renderSuggestSentModal,
  renderSuggestUnavailableModal,
  SUGGEST_EMPTY,
  SUGGEST_INPUT,
} from '../../../render/index.ts';
import { carriedValue } from '../../core/carried-values.ts';
import { dmChannel } from '../../core/dm.ts';
import { type UserContext, userOf } from '../../core/interaction.ts';
import { tellOf } from '../../core/reply-route.ts';
import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';
import type { SharerOf } from './received.ts';

const suggestValuesSchema = z.object({
  [SUGGEST_INPUT.block]: z.object({
    [SUGGEST_INPUT.action]: z.object({ value: z.string().trim().min(1).nullish() }),
  }),
});

/**
 * The recipient's answers under a shared brief. Each goes to the sharer's DM only; the person
 * who pressed is told where they pressed, and nobody else sees a thing.
 */
export function registerBriefReplies(
  router: Router,
  { deps, received }: Pick<Services, 'deps' | 'received'>,
): void {
  /** The sharer's DM with the answer, or false when the brief cannot be answered any more. */
  const deliver = async (
    from: UserContext,
    ref: BriefRef,
    sharer: SharerOf,
    reply: { kind: 'talk' } | { kind: 'suggest'; note: string },
  ): Promise<void> => {
    // The sharer's DM with the app: kept in their record since their first exchange.
    const dm = await dmChannel({ key: sharer.key, client: from.client }, sharer.state);
    await from.client.chat.postMessage({
      channel: dm,
      ...renderBriefReply({ ...reply, from: from.key.userId, at: deps.now() }, ref, sharer.tz),
    });
  };

  router.action(ACTION.briefTalk, async (args) => {
    await args.ack();
    const tell = tellOf(args);
    const ref = decodeBriefRef(carriedValue(args.action));
    const user = userOf(args.body, args.client);
    const sharer = ref && (await received.sharerOf(ref, user.key.teamId));
    if (!ref || !received.answerable(sharer, ref)) {
      await tell(renderBriefUnavailable());
      return;
    }
    await deliver(user, ref, sharer, { kind: 'talk' });
    await tell(renderBriefReplySent('talk', ref.sharer));
  });

  router.action(ACTION.briefSuggest, async (args) => {
    await args.ack();
    const ref = decodeBriefRef(carriedValue(args.action));
    const user = userOf(args.body, args.client);
    const sharer = ref && (await received.sharerOf(ref, user.key.teamId));
    if (!ref || !received.answerable(sharer, ref)) {
      await tellOf(args)(renderBriefUnavailable());
      return;
    }
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: renderSuggestModal(ref),
    });
  });

  router.view(CALLBACK.suggestModal, async ({ ack, body, view, client }) => {
    const user = userOf(body, client);
    const ref = decodeBriefRef(view.private_metadata);
    const parsed = suggestValuesSchema.safeParse(view.state.values);
    const note = parsed.success
      ? parsed.data[SUGGEST_INPUT.block][SUGGEST_INPUT.action].value
      : null;
    if (ref && !note) {
      await ack({ response_action: 'errors', errors: { [SUGGEST_INPUT.block]: SUGGEST_EMPTY } });
      return;
    }
    const sharer = ref && (await received.sharerOf(ref, user.key.teamId));
    if (!ref || !note || !received.answerable(sharer, ref)) {
      // Said in the modal, where they are: nothing is posted anywhere.
      await ack({ response_action: 'update', view: renderSuggestUnavailableModal() });
      return;
    }
    await ack({ response_action: 'update', view: renderSuggestSentModal(ref.sharer) });
    await deliver(user, ref, sharer, { kind: 'suggest', note });
  });

  router.action(ACTION.homeSharedBrief, async (args) => {
    await args.ack();
    const ref = decodeBriefRef(carriedValue(args.action));
    const opened = ref && (await received.openAgain(userOf(args.body, args.client), ref));
    if (!opened) await tellOf(args)(renderBriefUnavailable());
  });
}
