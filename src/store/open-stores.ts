import type { Logger } from '../logger.ts';
import {
  InstallationCodec,
  type InstallationStore,
  KeyedInstallationStore,
  MemoryInstallationRows,
} from './installation-store.ts';
import { MemoryStore } from './memory-store.ts';
import type { PaceStore } from './pace-store.ts';
import type { DedupeStore, ScheduleStore } from './schedule-store.ts';
import type { StateStore } from './state-store.ts';
import type { StoreHealthReport } from './store-health.ts';

export interface StoreSettings {
  maxUsers: number;
  ttlMs: number;
  /** redis:// or rediss://; unset keeps everything in this process's memory. */
  url?: string;
  /** Encrypts installations at rest (OAuth mode); unset: kept as JSON. */
  installationKey?: Buffer;
}

export type { StoreHealthReport } from './store-health.ts';

export interface OpenedStores {
  state: StateStore;
  /** Only the durable store provides these here; memory ones are built by their own features. */
  schedule?: ScheduleStore;
  dedupe?: DedupeStore;
  /** OAuth mode's installations: in this process's memory, or in Redis beside the rest. */
  installations: InstallationStore;
  /** Check-in pacing per workspace, shared by every instance (Redis only). */
  pacer?: PaceStore;
  health(): Promise<StoreHealthReport>;
  close(): Promise<void>;
}

/** The stores this process uses: memory as always, or Redis when a URL is configured. */
export async function openStores(settings: StoreSettings, logger: Logger): Promise<OpenedStores> {
  if (!settings.url) {
    return {
      state: new MemoryStore(settings),
      installations: new KeyedInstallationStore(
        new MemoryInstallationRows(),
        new InstallationCodec(settings.installationKey),
      ),
      health: async () => ({ ok: true, store: 'memory' }),
      close: async () => {},
    };
  }
  // Loaded only when asked for: a memory-only deployment never loads the Redis client.
  const redis = await import('./redis/index.ts');
  const client = redis.createRedisClient(settings.url, logger);
  await redis.connectRedis(client, logger);
  return {
    state: new redis.RedisStore(client, { ttlMs: settings.ttlMs }),
    schedule: new redis.RedisScheduleStore(client),
    dedupe: new redis.RedisDedupeStore(client),
    pacer: new redis.RedisPaceStore(client),
    installations: new KeyedInstallationStore(
      new redis.RedisInstallationRows(client),
      new InstallationCodec(settings.installationKey),
    ),
    health: () => redis.redisHealth(client),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
