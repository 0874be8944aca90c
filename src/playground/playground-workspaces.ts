/**
 * The playground's pretend workspaces: Acme (the default, on `/`) and Globex (on `/w/T0GLOBEX/`),
 * each its own emulated Slack workspace with its own people, conversations and bot token. The one
 * bot serves both, as it serves many workspaces in OAuth mode: each workspace is an installation,
 * each request is authorized by its workspace's installation, and each Web API call goes to the
 * workspace its token belongs to, as on Slack (one API address, the token says where).
 *
 * The same user id in both (U0ALICE, U0MANAGER) is two people: separate DMs, answers and briefs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InstallationRecord } from '../store/index.ts';
import { defaultUsers, makeUser, type UserInput } from './emulator/defaults.ts';
import { sendJson } from './emulator/http.ts';
import type { ExtraRoute, SlackEmulator } from './emulator/slack-emulator.ts';

export interface PlaygroundWorkspaceSpec {
  teamId: string;
  name: string;
  domain: string;
  botUserId: string;
  botId: string;
  users: UserInput[];
}

/** Where a workspace's page is served: the first on `/`, the others under `/w/<team id>/`. */
export function pagePathOf(teamId: string, index: number): string {
  return index === 0 ? '/' : `/w/${teamId}/`;
}

export function playgroundWorkspaceSpecs(): PlaygroundWorkspaceSpec[] {
  return [
    {
      teamId: 'T0ACME',
      name: 'Acme',
      domain: 'acme',
      botUserId: 'U0BOT',
      botId: 'B0BOT',
      users: defaultUsers(),
    },
    {
      // Alice and the manager's ids are Acme's too: in Slack that is a coincidence, not one person.
      teamId: 'T0GLOBEX',
      name: 'Globex',
      domain: 'globex',
      botUserId: 'U0GXBOT',
      botId: 'B0GXBOT',
      users: [
        makeUser({ id: 'U0ALICE', name: 'alice.g', real_name: 'Alice' }),
        makeUser({
          id: 'U0DANA',
          name: 'dana',
          real_name: 'Dana',
          tz: 'America/Chicago',
          tz_label: 'Central Standard Time',
          tz_offset: -21_600,
        }),
        makeUser({ id: 'U0MANAGER', name: 'rosa', real_name: 'Rosa' }),
      ],
    },
  ];
}

/** The installation the bot would have stored had the workspace installed it through OAuth. */
export function installationOf(emulator: SlackEmulator, botToken: string): InstallationRecord {
  const { identity, botScopes } = emulator.state;
  // Bolt's Installation carries the bot's ids and scopes beside its token.
  const bot = {
    token: botToken,
    scopes: [...botScopes],
    id: identity.botId,
    userId: identity.botUserId,
  };
  return {
    team: { id: identity.teamId, name: identity.teamName },
    enterprise: undefined,
    isEnterpriseInstall: false,
    appId: identity.appId,
    tokenType: 'bot',
    authVersion: 'v2',
    user: { id: 'U0MANAGER', token: undefined, scopes: undefined },
    bot,
  };
}

/**
 * Slack's one Web API address for every workspace: a call carrying another workspace's token
 * (`Authorization: Bearer …`) is handed to that workspace's emulator; the rest fall through to
 * this one, which refuses a token it did not issue (`invalid_auth`).
 */
export function webApiByToken(others: { token: string; emulator: SlackEmulator }[]): ExtraRoute {
  return async (req, res, url) => {
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) return false;
    const header = req.headers.authorization ?? '';
    const target = others.find((o) => header === `Bearer ${o.token}`);
    if (!target) return false;
    await forward(
      req,
      res,
      new URL(`${url.pathname.slice('/api/'.length)}${url.search}`, target.emulator.apiUrl),
    );
    return true;
  };
}

async function forward(req: IncomingMessage, res: ServerResponse, to: URL): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'authorization'] as const) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  try {
    const answer = await fetch(to, { method: 'POST', headers, body: Buffer.concat(chunks) });
    const body = Buffer.from(await answer.arrayBuffer());
    const out: Record<string, string> = { 'content-length': String(body.length) };
    for (const name of ['content-type', 'retry-after']) {
      const value = answer.headers.get(name);
      if (value !== null) out[name] = value;
    }
    res.writeHead(answer.status, out);
    res.end(body);
  } catch {
    sendJson(res, 503, { ok: false, error: 'service_unavailable' });
  }
}

/**
 * Serves each other workspace's page under `/w/<team id>/`, by handing the request to that
 * workspace's page route with the prefix taken off (the page asks for everything relatively).
 */
export function pagesUnderPrefix(pages: { teamId: string; route: ExtraRoute }[]): ExtraRoute {
  return async (req, res, url) => {
    const match = /^\/w\/([A-Z0-9]+)(\/.*)?$/.exec(url.pathname);
    if (!match) return false;
    const page = pages.find((p) => p.teamId === match[1]);
    if (!page) {
      sendJson(res, 404, { ok: false, error: 'no_such_workspace' });
      return true;
    }
    if (!match[2]) {
      res.writeHead(308, { location: `/w/${page.teamId}/${url.search}` });
      res.end();
      return true;
    }
    const inner = new URL(url);
    inner.pathname = match[2];
    if (await page.route(req, res, inner)) return true;
    sendJson(res, 404, { ok: false, error: 'not_found' });
    return true;
  };
}
