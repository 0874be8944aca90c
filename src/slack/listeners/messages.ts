import { z } from 'zod';
import { section } from '../../render/blocks.ts';
import {
  renderHelp,
  renderNoSummaryYet,
  renderProblem,
  renderReset,
} from '../../render/notices.ts';
import { isStoreUnavailable } from '../../store/index.ts';
import type { SlackDeps } from '../deps.ts';
import type { ExchangeService, UserContext } from '../exchange-service.ts';
import type { ListenerRegistry } from '../listener-router.ts';
import { explainSlackError } from '../slack-errors.ts';
import { parseSubcommand } from '../subcommand.ts';

/** Only plain messages a person typed in their DM with the bot; edits, joins and bots are ignored. */
const dmMessageSchema = z.object({
  type: z.literal('message'),
  channel_type: z.literal('im'),
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string().max(40_000).default(''),
  subtype: z.never().optional(),
  bot_id: z.never().optional(),
});

export function registerMessages(
  app: ListenerRegistry,
  deps: SlackDeps,
  exchange: ExchangeService,
): void {
  app.event('message', async ({ event, body, client }) => {
    const parsed = dmMessageSchema.safeParse(event);
    if (!parsed.success) return;
    const message = parsed.data;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const user: UserContext = { key: { teamId, userId: message.user }, client };
    const sub = parseSubcommand(message.text);
    const say = (m: { text: string; blocks: unknown[] }) =>
      client.chat
        .postMessage({ channel: message.channel, ...(m as { text: string }) })
        .catch((e) => exchange.logFailure('chat.postMessage', e));

    // State is saved before any call, so a failed post loses nothing: say so where they wrote.
    // After a transient fault this next post usually goes through; if not, it is logged.
    const tellFailure = async (error: unknown) => {
      // An outage is told by the storeOutageNotice middleware; Slack failures end here.
      if (isStoreUnavailable(error)) throw error;
      const code = exchange.logFailure('chat.postMessage', error);
      await say(renderProblem(explainSlackError(code)));
    };

    if (sub.name === 'help')
      return void (await say(renderHelp(deps.engine.content.exchange.intro)));
    if (
      sub.name === 'start' ||
      sub.name === 'reset' ||
      sub.name === 'summary' ||
      sub.name === 'share'
    ) {
      const session = (await deps.store.get(user.key))?.session;
      if ((sub.name === 'summary' || sub.name === 'share') && session?.status !== 'complete') {
        return void (await say(renderNoSummaryYet()));
      }
      const started =
        sub.name === 'reset'
          ? exchange.postCurrent(user, { type: 'restart' }, renderReset())
          : exchange.postCurrent(user, { type: 'start' });
      await started.catch((e) => tellFailure(e));
      return;
    }
    const outcome = await exchange.reply(user, message.text, message.channel).catch(async (e) => {
      await tellFailure(e);
      return null;
    });
    if (outcome?.type === 'not-an-answer') {
      const hint = outcome.view
        ? 'I only read typed answers on the free-text steps. For this one, pick an option above, or type `help`.'
        : 'Hi! I help you think through Staff Engineer versus Engineering Manager, privately. Type `start` to begin, or `help` to see what I can do.';
      await say({ text: hint, blocks: [section(hint)] });
    }
  });
}
