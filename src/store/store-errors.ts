/**
 * The store could not be reached (Redis down, timed out). Listeners turn it into a kind "I can't
 * save right now" instead of a generic failure; nothing was written.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'store_unavailable';

  constructor(readonly reason: string) {
    super(`state store unavailable: ${reason}`);
    this.name = 'StoreUnavailableError';
  }
}

/** True for a StoreUnavailableError, also when Bolt wrapped it with others. */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const originals = (error as { originals?: unknown[] } | null)?.originals;
  return Array.isArray(originals) && originals.some(isStoreUnavailable);
}
