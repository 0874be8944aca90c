import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { RedisScheduleStore } from '../../src/store/redis/index.ts';
import { HAS_REDIS_SERVER, NO_REDIS_REASON, redisServerForSuite } from '../support/redis-server.ts';
import { scheduleStoreContract } from './schedule-store-contract.ts';

describe.skipIf(!HAS_REDIS_SERVER)(
  `the check-in scheduler's contract on Redis${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    const redis = redisServerForSuite();
    scheduleStoreContract(
      'RedisScheduleStore',
      () => new RedisScheduleStore(redis().client(), { prefix: `t-${randomUUID()}:v1` }),
    );
  },
);
