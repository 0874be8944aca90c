import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { RedisScheduleStore } from '../../src/store/redis/index.ts';
import {
  HAS_REDIS_SERVER,
  NO_REDIS_REASON,
  type RedisServer,
  startRedisServer,
} from '../support/redis-server.ts';
import { scheduleStoreContract } from './schedule-store-contract.ts';

describe.skipIf(!HAS_REDIS_SERVER)(
  `the check-in scheduler's contract on Redis${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedisServer();
    });
    afterAll(async () => {
      await redis?.stop();
    });
    scheduleStoreContract(
      'RedisScheduleStore',
      () => new RedisScheduleStore(redis.client(), { prefix: `t-${randomUUID()}:v1` }),
    );
  },
);
