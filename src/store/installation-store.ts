import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * What Slack handed over when a workspace or an Enterprise Grid org installed the app (Bolt's
 * `Installation`, structurally: this layer does not import Slack packages). Only the fields the
 * store needs to key it are named; the rest is kept as given.
 */
export interface InstallationRecord {
  team?: { id: string; name?: string } | undefined;
  enterprise?: { id: string; name?: string } | undefined;
  isEnterpriseInstall?: boolean | undefined;
  bot?: { token: string; refreshToken?: string | undefined; expiresAt?: number | undefined };
  [field: string]: unknown;
}

/** Which installation a request needs (Bolt's `InstallationQuery`, structurally). */
export interface InstallationLookup {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
}

/**
 * One installation per workspace, or per org for an org-wide install. The methods and their
 * shapes are Bolt's `InstallationStore`, so Bolt's OAuth flow stores into it and authorizes every
 * request from it.
 */
export interface InstallationStore {
  storeInstallation(installation: InstallationRecord): Promise<void>;
  /** Throws when there is none: Bolt then refuses the request (no listener runs). */
  fetchInstallation(query: InstallationLookup): Promise<InstallationRecord>;
  deleteInstallation(query: InstallationLookup): Promise<void>;
  /** Installations kept, for start-up and health lines. */
  count(): Promise<number>;
}

/** The id an installation is kept under: `E…` for an org-wide install, `T…` for a workspace. */
export function installationIdOf(installation: InstallationRecord): string {
  const id = installation.isEnterpriseInstall
    ? installation.enterprise?.id
    : (installation.team?.id ?? installation.enterprise?.id);
  if (!id) throw new Error('an installation names neither a workspace nor an org');
  return `${installation.isEnterpriseInstall ? 'E' : 'T'}:${id}`;
}

/**
 * The ids to look under, best first: the org's for an org-wide install, the workspace's
 * otherwise, then the org's (a workspace of an org that installed org-wide).
 */
export function lookupIdsOf(query: InstallationLookup): string[] {
  const ids: string[] = [];
  if (query.isEnterpriseInstall && query.enterpriseId) ids.push(`E:${query.enterpriseId}`);
  if (query.teamId) ids.push(`T:${query.teamId}`);
  if (!query.isEnterpriseInstall && query.enterpriseId) ids.push(`E:${query.enterpriseId}`);
  return ids;
}

export class NoInstallationError extends Error {
  readonly code = 'no_installation';
  constructor(readonly query: InstallationLookup) {
    // Ids only: they say which workspace or org asked, nothing else.
    super(
      `no installation for ${query.isEnterpriseInstall ? 'org' : 'workspace'} ${
        (query.isEnterpriseInstall ? query.enterpriseId : query.teamId) ?? '?'
      }`,
    );
    this.name = 'NoInstallationError';
  }
}

const VERSION = 'v1';

/**
 * Installations as text at rest: JSON, or with a key `v1.<iv>.<tag>.<ciphertext>` (AES-256-GCM,
 * a fresh 12-byte IV each time, the installation's id as additional data so a record copied
 * under another workspace's id does not decrypt).
 */
export class InstallationCodec {
  constructor(private readonly key?: Buffer) {
    if (key && key.length !== 32) throw new Error('the installation key must be 32 bytes');
  }

  get encrypted(): boolean {
    return this.key !== undefined;
  }

  encode(id: string, installation: InstallationRecord): string {
    const json = JSON.stringify(installation);
    if (!this.key) return json;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(id));
    const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
    return [VERSION, ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64'))].join('.');
  }

  /** Throws on a record it cannot read (wrong key, tampered, plain text with a key set). */
  decode(id: string, text: string): InstallationRecord {
    if (!this.key) {
      if (!text.startsWith('{'))
        throw new Error('the installation is encrypted; set INSTALLATION_ENCRYPTION_KEY');
      return JSON.parse(text) as InstallationRecord;
    }
    const [version, iv, tag, body] = text.split('.');
    if (version !== VERSION || !iv || !tag || !body)
      throw new Error('the installation is not encrypted with INSTALLATION_ENCRYPTION_KEY');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const json = Buffer.concat([
      decipher.update(Buffer.from(body, 'base64')),
      decipher.final(),
    ]).toString('utf8');
    return JSON.parse(json) as InstallationRecord;
  }
}

/** Where encoded installations live: a Map here, a Redis hash in redis/. */
export interface InstallationRows {
  get(id: string): Promise<string | undefined>;
  set(id: string, text: string): Promise<void>;
  delete(id: string): Promise<void>;
  count(): Promise<number>;
}

export class MemoryInstallationRows implements InstallationRows {
  /** The encoded text, exactly what Redis would hold (visible to tests). */
  readonly rows = new Map<string, string>();
  async get(id: string) {
    return this.rows.get(id);
  }
  async set(id: string, text: string) {
    this.rows.set(id, text);
  }
  async delete(id: string) {
    this.rows.delete(id);
  }
  async count() {
    return this.rows.size;
  }
}

/** The one InstallationStore: rows (memory or Redis) plus the codec (plain or encrypted). */
export class KeyedInstallationStore implements InstallationStore {
  constructor(
    private readonly rows: InstallationRows,
    private readonly codec: InstallationCodec = new InstallationCodec(),
  ) {}

  async storeInstallation(installation: InstallationRecord): Promise<void> {
    const id = installationIdOf(installation);
    await this.rows.set(id, this.codec.encode(id, installation));
  }

  async fetchInstallation(query: InstallationLookup): Promise<InstallationRecord> {
    for (const id of lookupIdsOf(query)) {
      const text = await this.rows.get(id);
      if (text !== undefined) return this.codec.decode(id, text);
    }
    throw new NoInstallationError(query);
  }

  async deleteInstallation(query: InstallationLookup): Promise<void> {
    // Only the installation the query names, never the org's for one workspace leaving.
    const id = lookupIdsOf(query)[0];
    if (id) await this.rows.delete(id);
  }

  count(): Promise<number> {
    return this.rows.count();
  }
}

export function memoryInstallationStore(key?: Buffer): KeyedInstallationStore {
  return new KeyedInstallationStore(new MemoryInstallationRows(), new InstallationCodec(key));
}
