import type { UserKey } from '../user-state.ts';

/**
 * Every key starts with `<app>:<schema version>`, so a future change to what is stored can be
 * written under v2 and migrated while v1 is still readable. The team id sits in a hash tag
 * (`{T123}`): a user's state and their team's index share a slot, so the scripts touching both
 * stay valid on Redis Cluster.
 */
export const DEFAULT_PREFIX = 'cp:v1';

export interface KeyOptions {
  /** Key prefix, `cp:v1` unless a test or a second deployment on one Redis wants its own. */
  prefix?: string;
}

export function userKey(prefix: string, { teamId, userId }: UserKey): string {
  return `${prefix}:user:{${teamId}}:${userId}`;
}

export function teamIndexKey(prefix: string, teamId: string): string {
  return `${prefix}:team:{${teamId}}:users`;
}

/** Schedule keys share one hash tag so the claim script can touch them together. */
export function scheduleKeys(prefix: string): { due: string; claims: string } {
  return { due: `${prefix}:{sched}:due`, claims: `${prefix}:{sched}:claims` };
}

export function dedupeKey(prefix: string, id: string): string {
  return `${prefix}:dedupe:${id}`;
}

/** A schedule member: `team:user`. Slack ids never contain a colon. */
export function memberOf({ teamId, userId }: UserKey): string {
  return `${teamId}:${userId}`;
}

export function parseMember(member: string): UserKey {
  const at = member.indexOf(':');
  return { teamId: member.slice(0, at), userId: member.slice(at + 1) };
}
