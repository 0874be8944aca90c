import {
  renderChannelPointer,
  renderHelp,
  renderNoSummaryYet,
  renderReset,
  renderStartedInDm,
  renderUnknownCommand,
} from '../../../render/index.ts';
import { appLinkOf } from '../../core/app-link.ts';
import { keyOfCommand } from '../../core/interaction.ts';
import type { Router } from '../../router.ts';
import type { Services } from '../../services.ts';

/** `/career-path`, `start`, `reset`, `summary`, `help`, and anything it does not know. */
export function registerExchangeCommands(
  router: Router,
  { deps, users, exchange }: Services,
): void {
  router.subcommand(['help'], async ({ ack }) => {
    await ack({ response_type: 'ephemeral', ...renderHelp(deps.engine.content.exchange.intro) });
  });
  router.subcommand(['unknown'], async ({ ack, sub }) => {
    const typed = sub.name === 'unknown' ? sub.text : '';
    await ack({ response_type: 'ephemeral', ...renderUnknownCommand(typed) });
  });

  router.subcommand(
    ['start', 'reset', 'summary'],
    async ({ ack, command, client, respond, context, sub }) => {
      const inChannel = !command.channel_id.startsWith('D');
      // Starting from a channel: say where the exchange went in the ack itself, so no extra call
      // is needed and only the user sees it.
      const pointNow = inChannel && (sub.name === 'start' || sub.name === 'reset');
      await ack(
        pointNow
          ? { response_type: 'ephemeral', text: renderStartedInDm(context.botUserId).text }
          : undefined,
      );
      const user = { key: keyOfCommand(command), client };
      if (sub.name === 'summary' && (await users.peek(user.key))?.session?.status !== 'complete') {
        await respond({ response_type: 'ephemeral', ...renderNoSummaryYet() });
        return;
      }
      const { dm } =
        sub.name === 'reset'
          ? await exchange.postCurrent(user, { type: 'restart' }, renderReset())
          : await exchange.postCurrent(user, { type: 'start' });
      if (!pointNow && dm !== command.channel_id) {
        const app = appLinkOf(command);
        if (app) await respond({ response_type: 'ephemeral', ...renderChannelPointer(app) });
      }
    },
  );
}
