import { describe, expect, it } from 'vitest';
import type { InstallationRecord, InstallationStore } from '../../src/store/index.ts';

export interface InstallationStoreFixture {
  store: InstallationStore;
  /** Everything the store holds at rest, as stored (to check tokens are not in it). */
  atRest(): Promise<string[]>;
  close?(): Promise<void>;
}

export type MakeInstallationStore = (options: {
  key?: Buffer;
}) => Promise<InstallationStoreFixture>;

const KEY = Buffer.alloc(32, 9);

function workspace(team: string, token: string, enterprise?: string): InstallationRecord {
  return {
    team: { id: team, name: `Workspace ${team}` },
    enterprise: enterprise ? { id: enterprise, name: 'Org' } : undefined,
    isEnterpriseInstall: false,
    bot: { token, refreshToken: `xoxe-1-${token}`, expiresAt: 1_900_000_000 },
    user: { id: 'U0ADMIN', token: undefined },
    authVersion: 'v2',
    appId: 'A0CAREER',
  };
}

function org(enterprise: string, token: string): InstallationRecord {
  return {
    team: undefined,
    enterprise: { id: enterprise, name: 'Org' },
    isEnterpriseInstall: true,
    bot: { token },
    user: { id: 'U0ADMIN' },
    authVersion: 'v2',
  };
}

const query = (teamId?: string, enterpriseId?: string, isEnterpriseInstall = false) => ({
  teamId,
  enterpriseId,
  isEnterpriseInstall,
});

/** What any InstallationStore must do, whichever rows (memory, Redis) hold it. */
export function installationStoreContract(name: string, make: MakeInstallationStore): void {
  describe(`${name}: the installation store contract`, () => {
    for (const encrypted of [false, true]) {
      const label = encrypted ? 'encrypted' : 'plain';
      const open = () => make(encrypted ? { key: KEY } : {});

      it(`${label}: a workspace's installation comes back whole, keyed by its team`, async () => {
        const f = await open();
        try {
          await f.store.storeInstallation(workspace('T1', 'xoxb-one'));
          await f.store.storeInstallation(workspace('T2', 'xoxb-two'));
          expect(await f.store.fetchInstallation(query('T1'))).toEqual(workspace('T1', 'xoxb-one'));
          expect((await f.store.fetchInstallation(query('T2'))).bot?.token).toBe('xoxb-two');
          expect(await f.store.count()).toBe(2);
        } finally {
          await f.close?.();
        }
      });

      it(`${label}: no installation is an error (Bolt refuses the request)`, async () => {
        const f = await open();
        try {
          await expect(f.store.fetchInstallation(query('T9'))).rejects.toThrow(/no installation/);
        } finally {
          await f.close?.();
        }
      });

      it(`${label}: an org-wide install answers every workspace of the org`, async () => {
        const f = await open();
        try {
          await f.store.storeInstallation(org('E1', 'xoxb-org'));
          expect((await f.store.fetchInstallation(query('T5', 'E1', true))).bot?.token).toBe(
            'xoxb-org',
          );
          expect((await f.store.fetchInstallation(query(undefined, 'E1', true))).bot?.token).toBe(
            'xoxb-org',
          );
          // A workspace of the org with its own install keeps its own.
          await f.store.storeInstallation(workspace('T6', 'xoxb-six', 'E1'));
          expect((await f.store.fetchInstallation(query('T6', 'E1'))).bot?.token).toBe('xoxb-six');
        } finally {
          await f.close?.();
        }
      });

      it(`${label}: a new install replaces the old one (a reinstall, a rotated token)`, async () => {
        const f = await open();
        try {
          await f.store.storeInstallation(workspace('T1', 'xoxb-old'));
          await f.store.storeInstallation(workspace('T1', 'xoxb-new'));
          expect((await f.store.fetchInstallation(query('T1'))).bot?.token).toBe('xoxb-new');
          expect(await f.store.count()).toBe(1);
        } finally {
          await f.close?.();
        }
      });

      it(`${label}: deleting removes only the named installation`, async () => {
        const f = await open();
        try {
          await f.store.storeInstallation(workspace('T1', 'xoxb-one', 'E1'));
          await f.store.storeInstallation(workspace('T2', 'xoxb-two'));
          await f.store.storeInstallation(org('E1', 'xoxb-org'));
          await f.store.deleteInstallation(query('T1', 'E1'));
          // T1 now falls back to its org's installation; T2 is untouched.
          expect((await f.store.fetchInstallation(query('T1', 'E1'))).bot?.token).toBe('xoxb-org');
          expect((await f.store.fetchInstallation(query('T2'))).bot?.token).toBe('xoxb-two');
          await f.store.deleteInstallation(query('T1', 'E1', true));
          await expect(f.store.fetchInstallation(query('T1', 'E1', true))).rejects.toThrow();
          await f.store.deleteInstallation(query('T404'));
          expect(await f.store.count()).toBe(1);
        } finally {
          await f.close?.();
        }
      });

      it(`${label}: ${encrypted ? 'no token or refresh token at rest' : 'JSON at rest'}`, async () => {
        const f = await open();
        try {
          await f.store.storeInstallation(workspace('T1', 'xoxb-secret-one'));
          const rest = (await f.atRest()).join('\n');
          if (encrypted) {
            expect(rest).not.toContain('xoxb-secret-one');
            expect(rest).not.toContain('xoxe-1');
            expect(rest).not.toContain('Workspace T1');
          } else {
            expect(rest).toContain('xoxb-secret-one');
          }
        } finally {
          await f.close?.();
        }
      });
    }
  });
}
