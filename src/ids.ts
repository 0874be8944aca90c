import { randomBytes } from 'node:crypto';

const ID_BYTES = 8;
// Every engine step asks for an id (used only when a run begins), so draw from a pool of
// CSPRNG bytes rather than make a randomBytes call per click.
const POOL_BYTES = ID_BYTES * 512;
let pool = Buffer.alloc(0);
let offset = 0;

/** 16 hex characters: unguessable enough to tell runs apart, short enough for button values. */
export function newSessionId(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const id = pool.toString('hex', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}
