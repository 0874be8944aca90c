import type { Logger } from '../../logger.ts';
import { keyOf, type StateStore, type UserKey, type UserState } from '../../store/index.ts';

/** The first save of a task lost to another instance: nothing was shown yet, so run it again. */
export class WriteConflict extends Error {
  constructor() {
    super('another writer saved this user first');
    this.name = 'WriteConflict';
  }
}

interface Task {
  version: number;
  /** A save went through, so Slack calls may have followed: the task must not run again. */
  wrote: boolean;
}

/**
 * Versioned saves for the task running under the per-user lock (one per user per process, so
 * a map keyed by user is enough). Outside a task, a save is a plain write.
 */
export class WriteTracker {
  private readonly tasks = new Map<string, Task>();

  constructor(
    private readonly store: StateStore,
    private readonly logger: Logger,
  ) {}

  async track<T>(key: UserKey, version: number, task: () => Promise<T>): Promise<T> {
    const id = keyOf(key);
    this.tasks.set(id, { version, wrote: false });
    try {
      return await task();
    } finally {
      this.tasks.delete(id);
    }
  }

  async save(key: UserKey, state: UserState): Promise<void> {
    const task = this.tasks.get(keyOf(key));
    if (!task) return this.store.set(key, state);
    const version = await this.store.writeIf(key, state, task.version);
    if (version !== null) {
      task.version = version;
      task.wrote = true;
      return;
    }
    if (!task.wrote) throw new WriteConflict();
    await this.keepSurface(key, task, state);
  }

  /**
   * A later save (after Slack calls) lost. Repeating the task would repeat those calls, so keep
   * only what this save adds, where the message is, and only if the session is still the one
   * we showed; otherwise the other instance's newer state stands as it is.
   */
  private async keepSurface(key: UserKey, task: Task, state: UserState): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const fresh = await this.store.read(key);
      const session = fresh.state?.session;
      if (
        !fresh.state ||
        session?.id !== state.session?.id ||
        session?.rev !== state.session?.rev
      ) {
        this.logger.debug('a newer state from another instance stands; not recording the surface');
        return;
      }
      const merged: UserState = {
        ...fresh.state,
        ...(state.surface ? { surface: state.surface } : {}),
        ...(state.checkinSurface ? { checkinSurface: state.checkinSurface } : {}),
        ...(state.dm ? { dm: state.dm } : {}),
      };
      const version = await this.store.writeIf(key, merged, fresh.version);
      if (version !== null) {
        task.version = version;
        return;
      }
    }
  }
}
