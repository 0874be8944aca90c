/**
 * Many workspaces and Enterprise Grid orgs, for an app installed through OAuth. The rest of the
 * emulator stays one shared directory of users, channels and messages; this module knows which
 * workspace each user belongs to, which token each installation was given, and refuses a call
 * the way Slack does: a revoked token (`token_revoked`), an expired one (`token_expired`), a
 * token of one workspace naming another workspace's user (`user_not_found` /
 * `channel_not_found`). An org-wide install's token reaches every workspace of its org.
 * The OAuth side (the authorize page, oauth.v2.access) is in `oauth.ts`.
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorState } from './state.ts';
import type { JsonObject } from './types.ts';

export interface WorkspaceSpec {
  teamId: string;
  name: string;
  domain?: string;
  /** The Enterprise Grid org this workspace belongs to. */
  enterpriseId?: string;
  /** Its people (ids); added to the emulator's directory if new. */
  users: string[];
}

export interface OrgSpec {
  enterpriseId: string;
  name: string;
}

/** What an install produced: a bot token for a workspace, or for a whole org. */
export interface Grant {
  token: string;
  teamId?: string;
  enterpriseId?: string;
  orgWide: boolean;
  revoked: boolean;
  /** Token rotation: the token stops working at this emulator time (ms). */
  expiresAt?: number;
  refreshToken?: string;
}

export type DeliveryKind = 'command' | 'event' | 'interaction';

export class Workspaces {
  readonly teams = new Map<string, WorkspaceSpec>();
  readonly orgs = new Map<string, OrgSpec>();
  private readonly grants = new Map<string, Grant>();
  private readonly userTeams = new Map<string, Set<string>>();

  constructor(
    private readonly state: EmulatorState,
    private readonly now: () => number,
  ) {}

  /** The shared directory (the bot's own ids live there). */
  stateOf(): EmulatorState {
    return this.state;
  }

  addOrg(spec: OrgSpec): this {
    this.orgs.set(spec.enterpriseId, spec);
    return this;
  }

  addWorkspace(spec: WorkspaceSpec): this {
    this.teams.set(spec.teamId, spec);
    for (const id of spec.users) {
      const teams = this.userTeams.get(id) ?? new Set<string>();
      this.userTeams.set(id, teams.add(spec.teamId));
      if (!this.state.users.has(id))
        this.state.users.set(id, {
          id,
          name: id.toLowerCase(),
          real_name: id,
          tz: 'Europe/London',
          tz_label: 'Greenwich Mean Time',
          tz_offset: 0,
          is_bot: false,
        });
    }
    return this;
  }

  /** Issues a bot token for an install (the OAuth exchange calls this). */
  grant(target: { teamId?: string; enterpriseId?: string; orgWide: boolean }, ttlMs?: number) {
    const owner = target.orgWide ? target.enterpriseId : target.teamId;
    const grant: Grant = {
      token: `xoxb-${owner}-${randomBytes(12).toString('hex')}`,
      ...(target.teamId && !target.orgWide ? { teamId: target.teamId } : {}),
      ...(target.enterpriseId ? { enterpriseId: target.enterpriseId } : {}),
      orgWide: target.orgWide,
      revoked: false,
      ...(ttlMs
        ? {
            expiresAt: this.now() + ttlMs,
            refreshToken: `xoxe-1-${randomBytes(16).toString('hex')}`,
          }
        : {}),
    };
    this.grants.set(grant.token, grant);
    return grant;
  }

  grantOf(token: string): Grant | undefined {
    return this.grants.get(token);
  }

  grantOfRefreshToken(refreshToken: string): Grant | undefined {
    for (const grant of this.grants.values())
      if (grant.refreshToken === refreshToken && !grant.revoked) return grant;
    return undefined;
  }

  /** The app left a workspace or org: every token it was given stops working. */
  revoke(teamOrOrgId: string): number {
    let revoked = 0;
    for (const grant of this.grants.values()) {
      const owner = grant.orgWide ? grant.enterpriseId : grant.teamId;
      if (owner === teamOrOrgId && !grant.revoked) {
        grant.revoked = true;
        revoked += 1;
      }
    }
    return revoked;
  }

  /** The workspaces a token may act in: its own, or every workspace of its org. */
  teamsOf(grant: Grant): string[] {
    if (!grant.orgWide) return grant.teamId ? [grant.teamId] : [];
    return [...this.teams.values()]
      .filter((t) => t.enterpriseId === grant.enterpriseId)
      .map((t) => t.teamId);
  }

  /** The Slack error a call with this token gets, or null when Slack would serve it. */
  refuse(grant: Grant, args: JsonObject): string | null {
    if (grant.revoked) return 'token_revoked';
    if (grant.expiresAt !== undefined && this.now() >= grant.expiresAt) return 'token_expired';
    const allowed = new Set(this.teamsOf(grant));
    const inReach = (user: string) =>
      [...(this.userTeams.get(user) ?? [])].some((team) => allowed.has(team));
    for (const field of ['user', 'users'] as const) {
      const value = args[field];
      if (typeof value !== 'string') continue;
      for (const user of value.split(',')) {
        if (this.userTeams.has(user) && !inReach(user)) return 'user_not_found';
      }
    }
    const channel = args.channel;
    if (typeof channel === 'string') {
      const dmUser = /^[UW]/.test(channel) ? channel : this.state.channels.get(channel)?.user;
      if (dmUser && this.userTeams.has(dmUser) && !inReach(dmUser)) return 'channel_not_found';
    }
    return null;
  }

  /** auth.test for an installation's token: its own workspace or org. */
  authTest(grant: Grant): JsonObject {
    const { identity } = this.state;
    const team = grant.teamId ? this.teams.get(grant.teamId) : undefined;
    const org = grant.enterpriseId ? this.orgs.get(grant.enterpriseId) : undefined;
    return {
      ok: true,
      url: grant.orgWide
        ? `https://${grant.enterpriseId?.toLowerCase()}.enterprise.slack.com/`
        : `https://${team?.domain ?? grant.teamId?.toLowerCase()}.slack.com/`,
      team: grant.orgWide ? (org?.name ?? '') : (team?.name ?? ''),
      user: 'career-path',
      ...(grant.teamId ? { team_id: grant.teamId } : {}),
      ...(grant.enterpriseId ? { enterprise_id: grant.enterpriseId } : {}),
      user_id: identity.botUserId,
      bot_id: identity.botId,
      app_id: identity.appId,
      is_enterprise_install: grant.orgWide,
    };
  }

  /**
   * What a delivery from `teamId` carries that says where it came from, as top-level overrides
   * for the emulator's payload builders (`{ overrides }` on sendCommand, sendEvent, clickButton…).
   */
  overridesFor(teamId: string, kind: DeliveryKind, user?: string): JsonObject {
    const team = this.teams.get(teamId);
    const enterpriseId = team?.enterpriseId;
    const orgWide = enterpriseId !== undefined && this.orgInstalled(enterpriseId);
    if (kind === 'command')
      return {
        team_id: teamId,
        ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
        is_enterprise_install: orgWide ? 'true' : 'false',
      };
    if (kind === 'event')
      return {
        team_id: teamId,
        ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
        authorizations: [
          {
            enterprise_id: enterpriseId ?? null,
            team_id: orgWide ? null : teamId,
            user_id: this.state.identity.botUserId,
            is_bot: true,
            is_enterprise_install: orgWide,
          },
        ],
      };
    return {
      team: { id: teamId, domain: team?.domain ?? teamId.toLowerCase() },
      ...(user ? { user: { id: user, username: user, name: user, team_id: teamId } } : {}),
      enterprise: enterpriseId
        ? { id: enterpriseId, name: this.orgs.get(enterpriseId)?.name }
        : null,
      is_enterprise_install: orgWide,
    };
  }

  /** Whether the app is (or was, for the uninstall event itself) installed org-wide. */
  private orgInstalled(enterpriseId: string): boolean {
    for (const grant of this.grants.values())
      if (grant.orgWide && grant.enterpriseId === enterpriseId) return true;
    return false;
  }
}
