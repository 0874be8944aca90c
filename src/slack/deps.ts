import type { Engine } from '../engine/index.ts';
import type { Logger } from '../logger.ts';
import type { DedupeStore, StateStore } from '../store/index.ts';

/** Everything a listener needs, passed in: no globals, so tests and the playground build their own. */
export interface SlackDeps {
  engine: Engine;
  store: StateStore;
  logger: Logger;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** A fresh, unguessable session id. */
  newId: () => string;
  /** Remembers Events API ids so a retry is answered once; a memory store when absent. */
  dedupe?: DedupeStore;
}
