import { z } from 'zod';
import {
  type Message,
  renderAboutSharedBriefs,
  renderHelp,
  renderNoSummaryYet,
  renderNotAnAnswer,
  renderReset,
  renderResetConfirm,
} from '../../../render/index.ts';
import { decodeSlackText } from '../../core/incoming-text.ts';
import { teamOfEvent, type UserContext } from '../../core/interaction.ts';
import { parseSubcommand } from '../../core/subcommand.ts';
import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';

/**
 * What a person wrote in their DM with the bot: a plain message, one with a file attached
 * (`file_share` carries the typed text too, https://api.slack.com/events/message/file_share), or
 * a reply in a thread of the DM (no subtype, a `thread_ts`). Every other subtype (edits, deletes,
 * joins, bot messages) and anything a bot posted is ignored.
 */
const dmMessageSchema = z.object({
  type: z.literal('message'),
  channel_type: z.literal('im'),
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string().max(40_000).default(''),
  subtype: z.literal('file_share').optional(),
  bot_id: z.never().optional(),
});

/** A message in the app's DM: a keyword (`start`, `reset`, `summary`, `help`) or an answer. */
export function registerDmMessages(router: Router, { deps, users, exchange }: Services): void {
  router.event('message', async ({ event, body, client }) => {
    const parsed = dmMessageSchema.safeParse(event);
    if (!parsed.success) return;
    const message = { ...parsed.data, text: decodeSlackText(parsed.data.text) };
    const user: UserContext = {
      key: { teamId: teamOfEvent(body), userId: message.user },
      client,
      dm: message.channel,
    };
    const sub = parseSubcommand(message.text);
    const say = async (m: Message) => {
      await client.chat.postMessage({ channel: message.channel, ...m });
    };

    if (sub.name === 'help') return say(renderHelp(deps.engine.content.exchange.intro));
    if (
      sub.name === 'start' ||
      sub.name === 'reset' ||
      sub.name === 'summary' ||
      sub.name === 'share'
    ) {
      const session = (await users.peek(user.key))?.session;
      if ((sub.name === 'summary' || sub.name === 'share') && session?.status !== 'complete') {
        return say(renderNoSummaryYet());
      }
      if (sub.name === 'reset' && session) {
        return say(renderResetConfirm(deps.engine.view(session)));
      }
      if (sub.name === 'reset')
        await exchange.postCurrent(user, { type: 'restart' }, renderReset());
      else await exchange.postCurrent(user, { type: 'start' });
      return;
    }
    const outcome = await exchange.reply(user, message.text, message.channel);
    if (outcome.type !== 'not-an-answer') return;
    // Someone a brief was shared with, writing about it: how to answer, not the intro.
    const state = await users.peek(user.key);
    const received = state?.received ?? [];
    if (
      received.length > 0 &&
      state?.session?.status !== 'active' &&
      state?.session?.status !== 'paused'
    )
      return say(renderAboutSharedBriefs(received.map((r) => r.sharer).reverse()));
    await say(renderNotAnAnswer(outcome.view !== null));
  });
}
