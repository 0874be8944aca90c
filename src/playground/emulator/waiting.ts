/**
 * Waiting for the workspace to get somewhere: a test's `await emu.waitForCall('chat.postMessage')`
 * after the bot has acked. Checks are re-evaluated on every `change` the state emits (no polling),
 * and a timeout rejects with a message saying what was seen instead.
 */
import type { EmulatorState } from './state.ts';
import type { ApiCall } from './types.ts';

/** Resolves with the first truthy result of `check`, re-evaluated on every state change. */
export function waitForState<T>(
  state: EmulatorState,
  check: () => T | undefined | null | false,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const immediate = check();
  if (immediate) return Promise.resolve(immediate);
  return new Promise<T>((resolve, reject) => {
    const onChange = () => {
      const value = check();
      if (value) {
        cleanup();
        resolve(value);
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(describe()));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      state.off('change', onChange);
    };
    state.on('change', onChange);
  });
}

/** Resolves with the first call to `method` (at or after `fromSeq`) matching `predicate`. */
export function waitForCall(
  state: EmulatorState,
  method: string,
  predicate: (call: ApiCall) => boolean,
  timeoutMs: number,
  fromSeq: number,
): Promise<ApiCall> {
  const match = () =>
    state.calls.find((c) => c.seq >= fromSeq && c.method === method && predicate(c));
  return waitForState(state, match, timeoutMs, () => {
    const seen = state.calls.map((c) => `${c.method}${c.ok ? '' : `(${c.error})`}`);
    return `Timed out after ${timeoutMs} ms waiting for ${method}; calls so far: [${seen.join(', ')}]`;
  });
}
