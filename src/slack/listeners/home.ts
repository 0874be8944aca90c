import type { App } from '@slack/bolt';
import { ACTION } from '../../render/action-ids.ts';
import { renderHome } from '../../render/home.ts';
import { isStoreUnavailable } from '../../store/index.ts';
import type { SlackDeps } from '../deps.ts';
import type { ExchangeService, UserContext } from '../exchange-service.ts';

export function registerHome(app: App, deps: SlackDeps, exchange: ExchangeService): void {
  const publish = async (user: UserContext) => {
    const session = (await deps.store.get(user.key))?.session ?? null;
    const summary = session?.status === 'complete' ? deps.engine.summary(session) : null;
    await user.client.views
      .publish({ user_id: user.key.userId, view: renderHome({ session, summary }) })
      .catch((e) => exchange.logFailure('views.publish', e));
  };

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await publish({
      key: { teamId: (body as { team_id?: string }).team_id ?? '', userId: event.user },
      client,
    });
  });

  app.action(ACTION.homeRestart, async ({ ack, body, client }) => {
    await ack();
    const user: UserContext = {
      key: { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id },
      client,
    };
    await exchange.postCurrent(user, { type: 'restart' }).catch((e) => {
      if (isStoreUnavailable(e)) throw e;
      exchange.logFailure('chat.postMessage', e);
    });
    await publish(user);
  });
}
