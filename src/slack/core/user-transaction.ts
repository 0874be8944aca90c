import type { Logger } from '../../logger.ts';
import {
  KeyedLock,
  keyOf,
  type StateStore,
  type UserKey,
  type UserState,
} from '../../store/index.ts';
import { WriteConflict, WriteTracker } from './write-tracker.ts';

/** Conflicts need a second instance writing for this user at the same moment; a few tries is plenty. */
const MAX_ATTEMPTS = 5;

/**
 * The per-user transaction every feature uses: one lock per user, a versioned read, saves that
 * detect another instance's write, and a rerun when the first save lost.
 */
export class UserTransactions {
  private readonly lock = new KeyedLock();
  private readonly writes: WriteTracker;

  constructor(
    private readonly store: StateStore,
    private readonly logger: Logger,
  ) {
    this.writes = new WriteTracker(store, logger);
  }

  /**
   * Serialises work per user: two quick clicks must not both read the same session. The lock
   * only covers this process; another instance may write in between, which the versioned save
   * detects. Tasks save before any Slack call a user can see, so when that first save loses,
   * nothing happened yet and the task simply runs again on the state the other instance wrote
   * (typically ending in "that button is out of date", which is the truth). `stored` says whether
   * the user had any state before.
   */
  run<T>(key: UserKey, task: (state: UserState, stored: boolean) => Promise<T>): Promise<T> {
    return this.lock.run(keyOf(key), async () => {
      for (let attempt = 1; ; attempt += 1) {
        const { state, version } = await this.store.read(key);
        try {
          return await this.writes.track(key, version, () =>
            task(state ?? { session: null }, version !== 0),
          );
        } catch (error) {
          if (!(error instanceof WriteConflict) || attempt >= MAX_ATTEMPTS) throw error;
          this.logger.debug({ attempt }, 'another instance wrote first; reading again');
        }
      }
    });
  }

  /** Saves inside `run` (versioned) or outside it (a plain write). */
  save(key: UserKey, state: UserState): Promise<void> {
    return this.writes.save(key, state);
  }

  /** Deletes everything kept for the user, under their lock so no running task re-saves it. */
  forget(key: UserKey, alsoUnder: () => Promise<void> = async () => {}): Promise<void> {
    return this.lock.run(keyOf(key), async () => {
      await alsoUnder();
      await this.store.delete(key);
    });
  }

  /** A read outside the lock, for work that only shows what is there. */
  peek(key: UserKey): Promise<UserState | undefined> {
    return this.store.get(key);
  }
}
