import type { ScheduleStore } from '../../store/index.ts';
import type { SlackDeps } from '../deps.ts';
import type { FailurePolicy } from './failure-policy.ts';
import type { UserTransactions } from './user-transaction.ts';

/** What every feature's services are built on: the injected deps and the shared tools. */
export interface CoreServices {
  deps: SlackDeps;
  users: UserTransactions;
  failures: FailurePolicy;
  /** When each user's next check-in is due. */
  schedule: ScheduleStore;
}
