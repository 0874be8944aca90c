import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  InstallationStore as BoltInstallationStore,
  HTTPReceiver,
  HTTPReceiverOptions,
  Installation,
  InstallationQuery,
} from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import { boltLogger, type Logger } from '../../logger.ts';
import {
  renderInstallFailure,
  renderInstallPage,
  renderInstallSuccess,
} from '../../render/index.ts';
import {
  type InstallationRecord,
  type InstallationStore,
  NoInstallationError,
} from '../../store/index.ts';
import { scheduledFetch } from '../transport/http-fetch.ts';

/** Bolt's default paths; Slack's app settings name the redirect one. */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** The Redirect URL set in the app's settings; unset, Slack uses the one configured there. */
  redirectUri?: string;
  /** The manifest's bot scopes, asked for on Slack's authorize page. */
  scopes: string[];
  installations: InstallationStore;
}

/**
 * Slack's authorize page lives beside its Web API: https://slack.com/api/ →
 * https://slack.com/oauth/v2/authorize. The same rule points a fake Slack's at itself.
 */
export function authorizationUrlFor(apiUrl: string | undefined): string {
  return new URL('../oauth/v2/authorize', apiUrl ?? 'https://slack.com/api/').toString();
}

/** Who installed, in ids only (never a token): for the log line. */
function idsOf(installation: InstallationRecord) {
  return {
    team: installation.team?.id,
    enterprise: installation.enterprise?.id,
    orgWide: installation.isEnterpriseInstall === true,
  };
}

/** Bolt's InstallationStore over ours: the same calls, one log line per install and removal. */
export function boltInstallationStore(
  store: InstallationStore,
  logger: Logger,
): BoltInstallationStore {
  return {
    async storeInstallation(installation) {
      const record = installation as unknown as InstallationRecord;
      await store.storeInstallation(record);
      logger.info(idsOf(record), 'installed');
    },
    async fetchInstallation(query) {
      return (await store.fetchInstallation(query)) as unknown as Installation<'v2', boolean>;
    },
    async deleteInstallation(query) {
      await store.deleteInstallation(query);
    },
  };
}

/**
 * The client behind oauth.v2.access (and the auth.test after it). It logs request bodies at
 * debug, and these carry the client secret and refresh tokens, so its debug lines are dropped
 * whatever LOG_LEVEL says. (Bolt's types leave `logger` out; the InstallProvider honours it.)
 */
function installerClientOptions(apiUrl: string | undefined, logger: Logger) {
  const options = {
    logger: { ...boltLogger(logger.child({ component: 'oauth' })), debug: () => {} },
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    fetch: scheduledFetch,
  };
  return options;
}

/** The code an install failed with: Slack's own (invalid_code…) when it answered one. */
function failureCode(error: unknown): string {
  const e = error as { code?: unknown; data?: { error?: unknown } };
  if (typeof e?.data?.error === 'string') return e.data.error;
  return typeof e?.code === 'string' ? e.code : 'unknown';
}

/**
 * What the HTTP receiver needs for Bolt's OAuth flow: GET /slack/install (a page with the
 * Add to Slack button; the state goes in a cookie and the URL, signed with the state secret) and
 * GET /slack/oauth_redirect (state checked, code exchanged with oauth.v2.access at `apiUrl`,
 * the installation stored, a success or failure page).
 */
export function oauthReceiverOptions(
  oauth: OAuthOptions,
  apiUrl: string | undefined,
  logger: Logger,
): Partial<HTTPReceiverOptions> {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: oauth.scopes,
    installationStore: boltInstallationStore(oauth.installations, logger),
    ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      directInstall: false,
      authorizationUrl: authorizationUrlFor(apiUrl),
      renderHtmlForInstallPath: renderInstallPage,
      // oauth.v2.access and the auth.test after it go where every other Web API call goes.
      clientOptions: installerClientOptions(apiUrl, logger),
      callbackOptions: {
        success: (installation, _options, _req: IncomingMessage, res: ServerResponse) => {
          const orgWide = installation.isEnterpriseInstall === true;
          const teamId = installation.team?.id;
          const html = renderInstallSuccess({
            name: orgWide ? installation.enterprise?.name : installation.team?.name,
            orgWide,
            openUrl:
              !orgWide && teamId && installation.appId
                ? `slack://app?team=${teamId}&id=${installation.appId}`
                : undefined,
          });
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(html);
        },
        failure: (error, _options, _req: IncomingMessage, res: ServerResponse) => {
          const code = failureCode(error);
          logger.warn({ code }, 'install failed');
          const page = renderInstallFailure(code);
          res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' });
          res.end(page.html);
        },
      },
    },
  };
}

/** The query that finds a user's installation from their key's team id (a team or an org). */
export function queryForTenant(tenantId: string): InstallationQuery<boolean> {
  // The store looks under the workspace first, then the org: either finds it.
  return { teamId: tenantId, enterpriseId: tenantId, isEnterpriseInstall: false };
}

/**
 * Web API clients for work no request started (check-ins): one per bot token, found through
 * Bolt's own authorize (which refreshes a rotating token that is about to expire).
 */
export class InstallationClients {
  private readonly clients = new Map<string, WebClient>();

  constructor(
    private readonly receiver: HTTPReceiver,
    private readonly options: {
      apiUrl?: string | undefined;
      retryConfig: RetryOptions;
      logger?: NonNullable<ConstructorParameters<typeof WebClient>[1]>['logger'];
    },
  ) {}

  /**
   * The client for this workspace's (or org's) installation; undefined when there is none.
   * Anything else (the store unreachable, a refresh refused) is thrown: that is not "uninstalled".
   */
  async clientFor(tenantId: string): Promise<WebClient | undefined> {
    const installer = this.receiver.installer;
    if (!installer) return undefined;
    const auth = await installer.authorize(queryForTenant(tenantId)).catch((error: unknown) => {
      if (noInstallation(error)) return undefined;
      throw error;
    });
    const token = auth?.botToken;
    if (!token) return undefined;
    let client = this.clients.get(token);
    if (!client) {
      // A rotated token replaces the old one; keep only a bounded number around.
      if (this.clients.size >= 10_000) this.clients.clear();
      client = new WebClient(token, {
        ...(this.options.apiUrl ? { slackApiUrl: this.options.apiUrl } : {}),
        // A 429 must come back to the scheduler, which paces each workspace.
        rejectRateLimitedCalls: true,
        retryConfig: this.options.retryConfig,
        logger: this.options.logger,
        fetch: scheduledFetch,
      });
      this.clients.set(token, client);
    }
    return client;
  }
}

/** The store's NoInstallationError inside Bolt's and the OAuth library's wrapping errors. */
function noInstallation(error: unknown): NoInstallationError | undefined {
  let e = error as { original?: unknown } | undefined;
  for (let i = 0; e && i < 4; i += 1) {
    if (e instanceof NoInstallationError) return e;
    e = e.original as typeof e;
  }
  return undefined;
}

/** The workspace and org a refused request named (ids only), from Bolt's wrapped errors. */
export function refusedIds(error: unknown): { team?: string; enterprise?: string } {
  const query = noInstallation(error)?.query;
  return {
    ...(query?.teamId ? { team: query.teamId } : {}),
    ...(query?.enterpriseId ? { enterprise: query.enterpriseId } : {}),
  };
}
