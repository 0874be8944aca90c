/**
 * Runs tasks for the same key one after another. Two quick clicks from one user must not both
 * read the same session and each write their own version of it.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Keys with work queued or running: 0 when idle, so a user who has left costs nothing here. */
  get busyKeys(): number {
    return this.tails.size;
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
