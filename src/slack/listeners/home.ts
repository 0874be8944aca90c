import { ACTION } from '../../render/action-ids.ts';
import { isStoreUnavailable } from '../../store/index.ts';
import type { CheckinService } from '../checkin-service.ts';
import type { ExchangeService, UserContext } from '../exchange-service.ts';
import { userOf } from '../interaction.ts';
import type { ListenerRegistry } from '../listener-router.ts';

export function registerHome(
  app: ListenerRegistry,
  exchange: ExchangeService,
  checkins: CheckinService,
): void {
  const publish = (user: UserContext) => checkins.publishHome(user);

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await publish({
      key: { teamId: (body as { team_id?: string }).team_id ?? '', userId: event.user },
      client,
    });
  });

  app.action(ACTION.homeRestart, async ({ ack, body, client }) => {
    await ack();
    const user: UserContext = userOf(body, client);
    await exchange.postCurrent(user, { type: 'restart' }).catch((e) => {
      if (isStoreUnavailable(e)) throw e;
      exchange.logFailure('chat.postMessage', e);
    });
    await publish(user);
  });
}
