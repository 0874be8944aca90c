import { randomBytes } from 'node:crypto';

/** 16 hex characters: unguessable enough to tell runs apart, short enough for button values. */
export function newSessionId(): string {
  return randomBytes(8).toString('hex');
}
