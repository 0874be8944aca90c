import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InstallationCodec, KeyedInstallationStore } from '../../src/store/index.ts';
import { RedisInstallationRows, RedisStore } from '../../src/store/redis/index.ts';
import { installThrough, newOAuthEmulator, startOAuthBot } from '../support/oauth-harness.ts';
import { HAS_REDIS_SERVER, NO_REDIS_REASON, redisServerForSuite } from '../support/redis-server.ts';

describe.skipIf(!HAS_REDIS_SERVER)(
  `OAuth with two instances on one redis-server${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    const redis = redisServerForSuite();

    it('installed through one instance, answered by the other; uninstalled on one, refused by both', async () => {
      const prefix = `t-${randomUUID()}:v1`;
      const key = Buffer.alloc(32, 8);
      const emu = newOAuthEmulator();
      await emu.start();
      const clients = [redis().client(), redis().client()];
      const [a, b] = await Promise.all(
        clients.map((client) =>
          startOAuthBot(emu, {
            installations: new KeyedInstallationStore(
              new RedisInstallationRows(client, { prefix }),
              new InstallationCodec(key),
            ),
            store: new RedisStore(client, { ttlMs: 60_000, prefix }),
          }),
        ),
      );
      if (!a || !b || !emu.oauth) throw new Error('not started');
      try {
        emu.oauth.client.redirectUri = `${a.botUrl}/slack/oauth_redirect`;
        expect((await installThrough(a.botUrl, { team: 'T0ALPHA' })).status).toBe(200);
        emu.setBotUrl(`${b.botUrl}/slack/events`);
        const seq = emu.calls.length;
        await emu.sendCommand({
          user: 'U0ALICE',
          text: 'start',
          overrides: emu.workspaces?.overridesFor('T0ALPHA', 'command'),
        });
        const call = await emu.waitForCall('chat.postMessage', undefined, 3_000, seq);
        expect(call).toMatchObject({ ok: true, team: 'T0ALPHA' });
        // What Redis holds is ciphertext.
        const atRest = Object.values((await clients[0]?.hgetall(`${prefix}:installations`)) ?? {});
        expect(atRest).toHaveLength(1);
        expect(atRest.join()).not.toMatch(/xoxb-/);
        // Uninstalled through instance B: instance A refuses the workspace too.
        emu.workspaces?.revoke('T0ALPHA');
        await emu.sendAppUninstalled({
          overrides: emu.workspaces?.overridesFor('T0ALPHA', 'event'),
        });
        await new Promise((r) => setTimeout(r, 150));
        emu.setBotUrl(`${a.botUrl}/slack/events`);
        const cut = emu.calls.length;
        await emu.sendCommand({
          user: 'U0ALICE',
          text: 'start',
          overrides: emu.workspaces?.overridesFor('T0ALPHA', 'command'),
        });
        await new Promise((r) => setTimeout(r, 150));
        expect(emu.calls.slice(cut).filter((c) => c.method !== 'response_url')).toEqual([]);
      } finally {
        await a.close();
        await b.close();
        for (const c of clients) c.disconnect();
        await emu.stop();
      }
    });
  },
);
