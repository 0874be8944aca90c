import { describe, expect, it } from 'vitest';
import {
  InstallationCodec,
  KeyedInstallationStore,
  MemoryInstallationRows,
} from '../../src/store/index.ts';
import { installationStoreContract } from './installation-store-contract.ts';

installationStoreContract('memory', async ({ key }) => {
  const rows = new MemoryInstallationRows();
  return {
    store: new KeyedInstallationStore(rows, new InstallationCodec(key)),
    atRest: async () => [...rows.rows.entries()].flat(),
  };
});

describe('installations encrypted at rest', () => {
  const install = {
    team: { id: 'T1' },
    isEnterpriseInstall: false,
    bot: { token: 'xoxb-one' },
  };

  it('another key, no key, or a record moved to another workspace cannot be read', async () => {
    const rows = new MemoryInstallationRows();
    const a = new KeyedInstallationStore(rows, new InstallationCodec(Buffer.alloc(32, 1)));
    await a.storeInstallation(install);
    const other = new KeyedInstallationStore(rows, new InstallationCodec(Buffer.alloc(32, 2)));
    await expect(
      other.fetchInstallation({ teamId: 'T1', isEnterpriseInstall: false }),
    ).rejects.toThrow();
    const none = new KeyedInstallationStore(rows, new InstallationCodec());
    await expect(
      none.fetchInstallation({ teamId: 'T1', isEnterpriseInstall: false }),
    ).rejects.toThrow(/INSTALLATION_ENCRYPTION_KEY/);
    rows.rows.set('T:T2', rows.rows.get('T:T1') as string);
    await expect(
      a.fetchInstallation({ teamId: 'T2', isEnterpriseInstall: false }),
    ).rejects.toThrow();
    expect(
      (await a.fetchInstallation({ teamId: 'T1', isEnterpriseInstall: false })).bot?.token,
    ).toBe('xoxb-one');
  });

  it('the same installation encrypts differently each time (a fresh IV)', async () => {
    const codec = new InstallationCodec(Buffer.alloc(32, 1));
    expect(codec.encode('T:T1', install)).not.toBe(codec.encode('T:T1', install));
  });
});
