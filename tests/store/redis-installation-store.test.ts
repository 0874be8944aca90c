import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InstallationCodec, KeyedInstallationStore } from '../../src/store/index.ts';
import { RedisInstallationRows } from '../../src/store/redis/index.ts';
import { HAS_REDIS_SERVER, NO_REDIS_REASON, redisServerForSuite } from '../support/redis-server.ts';
import { installationStoreContract } from './installation-store-contract.ts';

describe.skipIf(!HAS_REDIS_SERVER)(
  `Redis installations on a real redis-server${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    const redis = redisServerForSuite();

    installationStoreContract('Redis', async ({ key }) => {
      const client = redis().client();
      const prefix = `t-${randomUUID()}:v1`;
      return {
        store: new KeyedInstallationStore(
          new RedisInstallationRows(client, { prefix }),
          new InstallationCodec(key),
        ),
        atRest: async () => Object.entries(await client.hgetall(`${prefix}:installations`)).flat(),
        close: async () => void client.disconnect(),
      };
    });

    it('two instances share installations: one stores, the other authorizes with it', async () => {
      const prefix = `t-${randomUUID()}:v1`;
      const [c1, c2] = [redis().client(), redis().client()];
      const key = Buffer.alloc(32, 3);
      const one = new KeyedInstallationStore(
        new RedisInstallationRows(c1, { prefix }),
        new InstallationCodec(key),
      );
      const two = new KeyedInstallationStore(
        new RedisInstallationRows(c2, { prefix }),
        new InstallationCodec(key),
      );
      await one.storeInstallation({ team: { id: 'T1' }, bot: { token: 'xoxb-1' } });
      expect(
        (await two.fetchInstallation({ teamId: 'T1', isEnterpriseInstall: false })).bot?.token,
      ).toBe('xoxb-1');
      await two.deleteInstallation({ teamId: 'T1', isEnterpriseInstall: false });
      await expect(
        one.fetchInstallation({ teamId: 'T1', isEnterpriseInstall: false }),
      ).rejects.toThrow();
      c1.disconnect();
      c2.disconnect();
    });
  },
);
