import { MemoryScheduleStore } from '../store/index.ts';
import type { CoreServices } from './core/core-services.ts';
import { FailurePolicy } from './core/failure-policy.ts';
import { UserTransactions } from './core/user-transaction.ts';
import type { SlackDeps } from './deps.ts';
import { CheckinAnswers } from './features/checkins/answering.ts';
import { CheckinDelivery } from './features/checkins/delivery.ts';
import { CheckinSettings } from './features/checkins/settings.ts';
import { ExchangeFlow } from './features/exchange/exchange-flow.ts';
import { HomePublisher } from './features/home/home-publisher.ts';
import { Forgetting } from './features/lifecycle/forgetting.ts';
import { ReceivedBriefs } from './features/share/received.ts';
import { ShareFlow } from './features/share/share-flow.ts';

/** Everything a feature's listeners may call: one object, built once per app. */
export interface Services extends CoreServices {
  exchange: ExchangeFlow;
  share: ShareFlow;
  /** Briefs shared with a person: their Home's list, and the way back to the sharer. */
  received: ReceivedBriefs;
  checkins: { settings: CheckinSettings; answers: CheckinAnswers; delivery: CheckinDelivery };
  home: HomePublisher;
  forgetting: Forgetting;
}

export function createServices(deps: SlackDeps): Services {
  const core: CoreServices = {
    deps,
    users: new UserTransactions(deps.store, deps.logger),
    failures: new FailurePolicy(deps.logger),
    schedule: deps.schedule ?? new MemoryScheduleStore(),
  };
  const exchange = new ExchangeFlow(core);
  const received = new ReceivedBriefs(core);
  return {
    ...core,
    exchange,
    received,
    share: new ShareFlow({ ...core, received }),
    checkins: {
      settings: new CheckinSettings(core),
      answers: new CheckinAnswers(core),
      delivery: new CheckinDelivery(core),
    },
    home: new HomePublisher({ ...core, exchange, received }),
    forgetting: new Forgetting(core),
  };
}
