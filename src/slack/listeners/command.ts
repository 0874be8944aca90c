import { renderCheckinStatus, renderCheckinsOn } from '../../render/checkin.ts';
import {
  renderChannelPointer,
  renderHelp,
  renderNoSummaryYet,
  renderProblem,
  renderReset,
} from '../../render/notices.ts';
import { escapeMrkdwn, truncate } from '../../render/text.ts';
import type { CheckinService } from '../checkin-service.ts';
import type { SlackDeps } from '../deps.ts';
import type { ExchangeService } from '../exchange-service.ts';
import type { ListenerRegistry } from '../listener-router.ts';
import type { ShareFlow } from '../share-flow.ts';
import { explainSlackError, slackErrorCode } from '../slack-errors.ts';
import { parseSubcommand } from '../subcommand.ts';

export const COMMAND = '/career-path';

export function registerCommand(
  app: ListenerRegistry,
  deps: SlackDeps,
  exchange: ExchangeService,
  share: ShareFlow,
  checkins: CheckinService,
): void {
  app.command(COMMAND, async ({ command, ack, client, respond, context }) => {
    const sub = parseSubcommand(command.text ?? '');
    if (sub.name === 'checkin') {
      await ack();
      const user = { key: { teamId: command.team_id, userId: command.user_id }, client };
      try {
        const message = sub.cadence
          ? sub.cadence === 'off'
            ? renderCheckinStatus(await checkins.configure(user, { cadence: 'off' }), deps.now())
            : renderCheckinsOn(await checkins.configure(user, { cadence: sub.cadence }), deps.now())
          : renderCheckinStatus(await checkins.prefs(user.key), deps.now());
        await respond({ response_type: 'ephemeral', ...message });
      } catch (error) {
        const code = exchange.logFailure('command', error);
        await respond({
          response_type: 'ephemeral',
          ...renderProblem(explainSlackError(code)),
        }).catch(() => {});
      }
      return;
    }
    const intro = deps.engine.content.exchange.intro;
    if (sub.name === 'help') return ack({ response_type: 'ephemeral', ...renderHelp(intro) });
    if (sub.name === 'unknown') {
      const help = renderHelp(
        `I don't know \`${escapeMrkdwn(truncate(sub.text, 40))}\`, but here's what I can do.`,
      );
      return ack({ response_type: 'ephemeral', ...help });
    }
    const inChannel = !command.channel_id.startsWith('D');
    const pointer = `I've sent you a DM${context.botUserId ? ` from <@${context.botUserId}>` : ''} so your answers stay private. Nothing is posted here.`;
    // Starting from a channel: say where the exchange went in the ack itself, so no extra call
    // is needed and only the user sees it.
    const pointNow = inChannel && (sub.name === 'start' || sub.name === 'reset');
    await ack(pointNow ? { response_type: 'ephemeral', text: pointer } : undefined);
    const user = { key: { teamId: command.team_id, userId: command.user_id }, client };
    try {
      if (sub.name === 'share') {
        const opened = await share.open(user, command.trigger_id);
        if (!opened) await respond({ response_type: 'ephemeral', ...renderNoSummaryYet() });
        return;
      }
      if (sub.name === 'summary') {
        const state = await deps.store.get(user.key);
        if (state?.session?.status !== 'complete') {
          await respond({ response_type: 'ephemeral', ...renderNoSummaryYet() });
          return;
        }
      }
      const { dm } =
        sub.name === 'reset'
          ? await exchange.postCurrent(user, { type: 'restart' }, renderReset())
          : await exchange.postCurrent(user, { type: 'start' });
      if (!pointNow && dm !== command.channel_id) {
        await respond({ response_type: 'ephemeral', ...renderChannelPointer(dm) });
      }
    } catch (error) {
      const code = slackErrorCode(error);
      deps.logger.warn(
        { method: 'command', team: command.team_id, user: command.user_id, sub: sub.name, code },
        'command failed',
      );
      await respond({
        response_type: 'ephemeral',
        ...renderProblem(explainSlackError(code)),
      }).catch(() => {});
    }
  });
}
