import type { Redis } from 'ioredis';
import type { InstallationRows } from '../installation-store.ts';
import { DEFAULT_PREFIX, type KeyOptions } from './keys.ts';

/**
 * Installations in one Redis hash, `<prefix>:installations`, field `T:<team>` or `E:<org>`.
 * No expiry: an installation lasts until Slack says the app left (app_uninstalled).
 */
export class RedisInstallationRows implements InstallationRows {
  private readonly key: string;

  constructor(
    private readonly client: Redis,
    options: KeyOptions = {},
  ) {
    this.key = `${options.prefix ?? DEFAULT_PREFIX}:installations`;
  }

  async get(id: string): Promise<string | undefined> {
    return (await this.client.hget(this.key, id)) ?? undefined;
  }

  async set(id: string, text: string): Promise<void> {
    await this.client.hset(this.key, id, text);
  }

  async delete(id: string): Promise<void> {
    await this.client.hdel(this.key, id);
  }

  count(): Promise<number> {
    return this.client.hlen(this.key);
  }
}
