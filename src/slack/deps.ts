import type { Engine } from '../engine/index.ts';
import type { Logger } from '../logger.ts';
import type {
  DedupeStore,
  InstallationStore,
  PaceStore,
  ScheduleStore,
  StateStore,
} from '../store/index.ts';

/** Everything a listener needs, passed in: no globals, so tests and the playground build their own. */
export interface SlackDeps {
  engine: Engine;
  store: StateStore;
  /** When each user's next check-in is due; in memory unless a durable one is given. */
  schedule?: ScheduleStore;
  logger: Logger;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** A fresh, unguessable session id. */
  newId: () => string;
  /** Remembers Events API ids so a retry is answered once; a memory store when absent. */
  dedupe?: DedupeStore;
  /** OAuth mode: every workspace's or org's installation (deleted when the app leaves it). */
  installations?: InstallationStore;
  /** Each workspace's posting budget for check-ins; Redis shares it across instances. */
  pacer?: PaceStore;
}
