/**
 * Slack's side of "Add to Slack", for an app with distribution on:
 * - `GET /oauth/v2/authorize?client_id&scope&state&redirect_uri`: Slack's authorize page. Here the
 *   installer approves at once; `team=T…` picks the workspace (default: the first), and
 *   `enterprise=E…` installs org-wide. It redirects to the app's redirect URL with `code` and
 *   `state`, like Slack (or with `error=access_denied` when `deny=1`).
 * - `oauth.v2.access`: exchanges the one-time code (with the client id and secret) for a bot
 *   token, naming the team, the org and `is_enterprise_install`; with token rotation on it also
 *   returns `refresh_token` / `expires_in`, and `grant_type=refresh_token` rotates the token.
 * https://docs.slack.dev/authentication/installing-with-oauth
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from './state.ts';
import type { JsonObject } from './types.ts';
import { type OrgSpec, type WorkspaceSpec, Workspaces } from './workspaces.ts';

export interface OAuthClientSpec {
  clientId: string;
  clientSecret: string;
  /** Where the authorize page sends the installer when the URL names no redirect_uri. */
  redirectUri?: string;
  /** Token rotation on: tokens expire after this long (ms) and come with a refresh token. */
  tokenTtlMs?: number;
}

interface PendingCode {
  teamId?: string;
  enterpriseId?: string;
  orgWide: boolean;
  user: string;
  scope: string;
  issuedAt: number;
  redirectUri?: string;
}

/** Slack's codes are good for ten minutes, once. */
const CODE_TTL_MS = 10 * 60_000;

export class OAuthServer {
  private readonly codes = new Map<string, PendingCode>();

  constructor(
    private readonly workspaces: Workspaces,
    readonly client: OAuthClientSpec,
    private readonly now: () => number,
  ) {}

  /** The authorize page; true when it answered. */
  route(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (url.pathname !== '/oauth/v2/authorize' || req.method !== 'GET') return false;
    const q = url.searchParams;
    const redirect = q.get('redirect_uri') ?? this.client.redirectUri;
    if (q.get('client_id') !== this.client.clientId || !redirect) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(
        q.get('client_id') !== this.client.clientId ? 'invalid_client_id' : 'bad_redirect_uri',
      );
      return true;
    }
    const target = new URL(redirect);
    const state = q.get('state');
    if (state !== null) target.searchParams.set('state', state);
    if (q.get('deny') === '1') {
      target.searchParams.set('error', 'access_denied');
    } else {
      const enterpriseId = q.get('enterprise') ?? undefined;
      const teamId =
        q.get('team') ?? (enterpriseId ? undefined : [...this.workspaces.teams.keys()][0]);
      const code = this.issueCode({
        ...(teamId ? { teamId } : {}),
        ...(enterpriseId ? { enterpriseId } : {}),
        orgWide: enterpriseId !== undefined && q.get('team') === null,
        user: q.get('user') ?? 'U0ADMIN',
        scope: q.get('scope') ?? '',
        ...(q.get('redirect_uri') ? { redirectUri: q.get('redirect_uri') as string } : {}),
      });
      target.searchParams.set('code', code);
    }
    res.writeHead(302, { location: target.toString() });
    res.end();
    return true;
  }

  /** What the installer's approval produced, for tests that skip the browser. */
  issueCode(pending: Omit<PendingCode, 'issuedAt'>): string {
    const team = pending.teamId ? this.workspaces.teams.get(pending.teamId) : undefined;
    const code = `${Date.now()}.${randomBytes(10).toString('hex')}`;
    this.codes.set(code, {
      ...pending,
      ...(team?.enterpriseId && !pending.enterpriseId ? { enterpriseId: team.enterpriseId } : {}),
      issuedAt: this.now(),
    });
    return code;
  }

  /** oauth.v2.access. Credentials come as form fields or HTTP Basic auth, like Slack takes them. */
  exchange(args: JsonObject, authorization: string | undefined): JsonObject {
    let clientId = args.client_id;
    let clientSecret = args.client_secret;
    if (authorization?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(authorization.slice(6), 'base64').toString().split(':');
      clientId = id;
      clientSecret = secret;
    }
    if (clientId !== this.client.clientId) return { ok: false, error: 'invalid_client_id' };
    if (clientSecret !== this.client.clientSecret) return { ok: false, error: 'bad_client_secret' };
    if (args.grant_type === 'refresh_token') return this.refresh(args);
    const code = typeof args.code === 'string' ? args.code : '';
    const pending = this.codes.get(code);
    if (!pending) return { ok: false, error: 'invalid_code' };
    this.codes.delete(code);
    if (this.now() - pending.issuedAt > CODE_TTL_MS) return { ok: false, error: 'invalid_code' };
    if (pending.redirectUri && args.redirect_uri !== pending.redirectUri)
      return { ok: false, error: 'bad_redirect_uri' };
    const grant = this.workspaces.grant(pending, this.client.tokenTtlMs);
    const team = pending.teamId ? this.workspaces.teams.get(pending.teamId) : undefined;
    const org = pending.enterpriseId ? this.workspaces.orgs.get(pending.enterpriseId) : undefined;
    const { identity } = this.workspacesState();
    return {
      ok: true,
      app_id: identity.appId,
      authed_user: { id: pending.user },
      scope: pending.scope,
      token_type: 'bot',
      access_token: grant.token,
      bot_user_id: identity.botUserId,
      team: pending.orgWide || !team ? null : { id: team.teamId, name: team.name },
      enterprise: org ? { id: org.enterpriseId, name: org.name } : null,
      is_enterprise_install: pending.orgWide,
      ...(grant.refreshToken && this.client.tokenTtlMs
        ? {
            refresh_token: grant.refreshToken,
            expires_in: Math.floor(this.client.tokenTtlMs / 1000),
          }
        : {}),
    };
  }

  private refresh(args: JsonObject): JsonObject {
    const old =
      typeof args.refresh_token === 'string'
        ? this.workspaces.grantOfRefreshToken(args.refresh_token)
        : undefined;
    if (!old || !this.client.tokenTtlMs) return { ok: false, error: 'invalid_refresh_token' };
    const grant = this.workspaces.grant(old, this.client.tokenTtlMs);
    // The refresh token is spent; the old access token works until it expires.
    old.refreshToken = undefined;
    return {
      ok: true,
      token_type: 'bot',
      access_token: grant.token,
      refresh_token: grant.refreshToken,
      expires_in: Math.floor(this.client.tokenTtlMs / 1000),
      ...(grant.teamId ? { team: { id: grant.teamId } } : { team: null }),
      ...(grant.enterpriseId ? { enterprise: { id: grant.enterpriseId } } : { enterprise: null }),
      is_enterprise_install: grant.orgWide,
    };
  }

  private workspacesState() {
    return this.workspaces.stateOf();
  }
}

/** The workspaces, orgs and OAuth server an emulator given `oauth` options serves. */
export function distributed(
  options: {
    oauth?: { client: OAuthClientSpec; workspaces: WorkspaceSpec[]; orgs?: OrgSpec[] };
  },
  state: EmulatorState,
  now: () => number,
): { workspaces: Workspaces | undefined; oauth: OAuthServer | undefined } {
  if (!options.oauth) return { workspaces: undefined, oauth: undefined };
  const workspaces = new Workspaces(state, now);
  for (const org of options.oauth.orgs ?? []) workspaces.addOrg(org);
  for (const team of options.oauth.workspaces) workspaces.addWorkspace(team);
  return { workspaces, oauth: new OAuthServer(workspaces, options.oauth.client, now) };
}
