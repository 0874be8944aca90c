/**
 * What every action module (`user-actions.ts`, `view-actions.ts`, `app-events.ts`) shares: the
 * context they act in (state, the delivery to the bot, the emulator's own URL for response_urls,
 * the clock) and the lookups that throw a test-friendly error when a test names something that
 * is not there, plus the `user` and `team` objects Slack puts in interaction payloads.
 */
import type { Delivery } from './delivery.ts';
import { interactionUser } from './payloads.ts';
import type { EmulatorState } from './state.ts';
import type { EmulatedUser, StoredView } from './types.ts';

export interface ActionContext {
  state: EmulatorState;
  delivery: Delivery;
  /** The emulator's base URL (throws when it is not started); response_urls are issued under it. */
  baseUrl: () => string;
  /** The emulator clock. */
  now: () => number;
}

export function requireUser(state: EmulatorState, id: string): EmulatedUser {
  const user = state.users.get(id);
  if (!user) throw new Error(`Unknown user ${id}`);
  return user;
}

export function requireTopModal(state: EmulatorState, user: string): StoredView {
  const top = state.topModal(user);
  if (!top) throw new Error(`${user} has no open modal`);
  return top;
}

/** `team` as interaction payloads carry it. */
export function payloadTeam(state: EmulatorState): { id: string; domain: string } {
  return { id: state.identity.teamId, domain: state.identity.teamDomain };
}

/** `user` as interaction payloads carry it. */
export function payloadUser(state: EmulatorState, id: string) {
  return { ...interactionUser(id, requireUser(state, id).name), team_id: state.identity.teamId };
}
