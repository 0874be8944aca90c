/**
 * The emulator's HTTP server: everything the bot (and the playground page) calls *into* Slack.
 * - `POST /api/<method>`: the Web API. Checks the token like Slack does, serves injected faults,
 *   then hands the arguments to the method in `web-api.ts`; `apps.connections.open` hands out a
 *   Socket Mode URL (`socket-mode.ts`).
 * - `POST /response/<id>`: the response_urls handed out with commands and interactions.
 * - `GET /state`: the workspace snapshot; the WebSocket upgrade for Socket Mode.
 * - Extra routes (`use`), tried first: the playground page.
 * Every Web API and response_url call is recorded in `state.calls`. Deliveries in the other
 * direction, to the bot, live in `delivery.ts`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { initialState } from './blocks.ts';
import { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from './defaults.ts';
import { type FaultInjector, faultStatus, RESPONSE_URL_METHOD } from './faults.ts';
import { parseApiArgs, readBody, sendJson } from './http.ts';
import type { OAuthServer } from './oauth.ts';
import { missingScope } from './scopes.ts';
import { appTokenProblem, type SocketModeServer } from './socket-mode.ts';
import type { EmulatorState } from './state.ts';
import type { ApiCall, JsonObject, StoredMessage } from './types.ts';
import { isFailure, messageContent, WEB_API_METHODS } from './web-api.ts';
import type { Workspaces } from './workspaces.ts';

/**
 * An extra HTTP route served on the emulator's port before its own (the playground page uses
 * this). Return true when it answered the request; the body has not been read yet.
 */
export type ExtraRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

export interface WebApiServerOptions {
  state: EmulatorState;
  socketMode: SocketModeServer;
  faults: FaultInjector;
  /** The bot token Web API calls must carry. */
  botToken: string;
  /** The app-level token `apps.connections.open` accepts; undefined: any `xapp-` token. */
  appToken: string | undefined;
  now: () => number;
  /** Keep only the newest this-many calls in `state.calls`. */
  maxCalls: number;
  latencyMs: number;
  /** Several workspaces installed through OAuth (tokens per installation, oauth.v2.access). */
  workspaces?: { workspaces: Workspaces; oauth: OAuthServer };
}

export class WebApiServer {
  /** Delay before answering each Web API / response_url call. */
  latencyMs: number;

  private readonly state: EmulatorState;
  private readonly socketMode: SocketModeServer;
  private readonly faults: FaultInjector;
  private readonly botToken: string;
  private readonly appToken: string | undefined;
  private readonly now: () => number;
  private readonly maxCalls: number;
  private readonly routes: ExtraRoute[] = [];
  private readonly multi: WebApiServerOptions['workspaces'];
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private callSeq = 0;

  constructor(options: WebApiServerOptions) {
    this.state = options.state;
    this.socketMode = options.socketMode;
    this.faults = options.faults;
    this.botToken = options.botToken;
    this.appToken = options.appToken;
    this.now = options.now;
    this.maxCalls = options.maxCalls;
    this.latencyMs = options.latencyMs;
    this.multi = options.workspaces;
  }

  /** Base URL, e.g. `http://127.0.0.1:53211`. */
  get url(): string {
    if (!this.baseUrl) throw new Error('SlackEmulator is not started; call start() first');
    return this.baseUrl;
  }

  /** Listens on `host` (loopback by default: nothing here is meant for the network). */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.server) return this.url;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent)
          sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(error) });
        else res.destroy();
      });
    });
    server.on('upgrade', (req, socket, head) => {
      if (!this.socketMode.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    this.baseUrl = `http://${urlHost}:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.baseUrl = undefined;
    this.socketMode.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Serves an extra route, tried before the emulator's own routes. */
  use(route: ExtraRoute): void {
    this.routes.push(route);
  }

  /** Call numbering starts again at 0 (the calls themselves live in state and reset with it). */
  resetCallSeq(): void {
    this.callSeq = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    for (const route of this.routes) if (await route(req, res, url)) return;
    const raw = await readBody(req);
    const apiMatch = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (apiMatch?.[1]) return this.handleApi(apiMatch[1], req, res, raw, url.searchParams);
    const responseMatch = /^\/response\/([0-9a-f]+)$/.exec(url.pathname);
    if (responseMatch?.[1] && req.method === 'POST') {
      return this.handleResponseUrl(responseMatch[1], req, res, raw);
    }
    if (url.pathname === '/state' && req.method === 'GET')
      return sendJson(res, 200, this.state.snapshot());
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  private async delay(): Promise<void> {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
  }

  private record(call: Omit<ApiCall, 'seq' | 'at'>): ApiCall {
    const recorded: ApiCall = { seq: this.callSeq, at: this.now(), ...call };
    this.callSeq += 1;
    const { calls } = this.state;
    calls.push(recorded);
    // Trim in batches: one splice per maxCalls calls instead of a shift on every call.
    if (calls.length >= 2 * this.maxCalls) calls.splice(0, calls.length - this.maxCalls);
    this.state.changed({ kind: 'call', ref: call.method });
    return recorded;
  }

  /** Applies an injected fault to the response; returns true when one was served. */
  private serveFault(
    method: string,
    args: JsonObject,
    res: ServerResponse,
    req: IncomingMessage,
  ): boolean {
    const served = this.faults.take(method);
    if (served === undefined) return false;
    const { fault } = served;
    if (fault === 'stall') {
      // A connection Slack accepted and never answers: held open until the caller gives up (or
      // the emulator stops), so only a deadline on the caller's side gets it out.
      this.record({ method, args, ok: false, error: 'stall', status: 0 });
      return true;
    }
    if (fault === 'network') {
      this.record({ method, args, ok: false, error: 'network', status: 0 });
      req.socket.destroy();
      return true;
    }
    const body = { ok: false, error: fault };
    const status = faultStatus(method, fault);
    this.record({ method, args, ok: false, error: fault, status, response: body });
    sendJson(
      res,
      status,
      body,
      fault === 'ratelimited' ? { 'retry-after': String(served.retryAfter) } : {},
    );
    return true;
  }

  private async handleApi(
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
    query: URLSearchParams,
  ): Promise<void> {
    await this.delay();
    const parsed = parseApiArgs(raw, req.headers['content-type'], query);
    const { token: bodyToken, ...args } = parsed ?? {};
    let team: string | undefined;
    const answer = (status: number, body: JsonObject) => {
      this.record({
        method,
        args,
        ...(team ? { team } : {}),
        ok: body.ok === true,
        ...(body.ok === true ? {} : { error: String(body.error) }),
        status,
        response: body,
      });
      sendJson(res, status, body);
    };
    if (!parsed) {
      return answer(200, {
        ok: false,
        error: /json/i.test(req.headers['content-type'] ?? '')
          ? 'invalid_json'
          : 'invalid_form_data',
      });
    }
    if (method === 'apps.connections.open') {
      const problem = appTokenProblem(req.headers.authorization, this.appToken);
      if (problem) return answer(200, { ok: false, error: problem });
      if (this.serveFault(method, args, res, req)) return;
      return answer(200, { ok: true, url: this.socketMode.issueUrl(this.url) });
    }
    if (method === 'oauth.v2.access' && this.multi)
      return answer(200, this.multi.oauth.exchange(args, req.headers.authorization));
    const handler = WEB_API_METHODS[method];
    if (!handler) return answer(200, { ok: false, error: 'unknown_method' });
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : bodyToken;
    if (typeof token !== 'string' || token === '')
      return answer(200, { ok: false, error: 'not_authed' });
    const grant = this.multi?.workspaces.grantOf(token);
    if (grant && this.multi) {
      team = grant.orgWide ? grant.enterpriseId : grant.teamId;
      const problem = this.multi.workspaces.refuse(grant, args);
      if (problem) return answer(200, { ok: false, error: problem });
      const unscopedHere = missingScope(method, this.state.botScopes);
      if (unscopedHere) return answer(200, unscopedHere as JsonObject);
      if (this.serveFault(method, args, res, req)) return;
      const body =
        method === 'auth.test' ? this.multi.workspaces.authTest(grant) : handler(args, this.state);
      return answer(200, body);
    }
    if (token !== this.botToken) return answer(200, { ok: false, error: 'invalid_auth' });
    if (this.state.tokenRevoked) return answer(200, { ok: false, error: 'token_revoked' });
    const unscoped = missingScope(method, this.state.botScopes);
    if (unscoped) return answer(200, unscoped as JsonObject);
    if (this.serveFault(method, args, res, req)) return;
    answer(200, handler(args, this.state));
  }

  private async handleResponseUrl(
    id: string,
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
  ): Promise<void> {
    await this.delay();
    let body: JsonObject = {};
    try {
      const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
      if (typeof parsed === 'object' && parsed !== null) body = parsed as JsonObject;
    } catch {
      body = Object.fromEntries(new URLSearchParams(raw));
    }
    const args = { ...body, response_url_id: id };
    const answer = (status: number, response: JsonObject) => {
      this.record({
        method: RESPONSE_URL_METHOD,
        args,
        ok: response.ok === true,
        ...(response.ok === true ? {} : { error: String(response.error) }),
        status,
        response,
      });
      sendJson(res, status, response);
    };
    const target = this.state.responseUrls.get(id);
    if (!target) return answer(404, { ok: false, error: 'no_such_url' });
    if (
      this.now() - target.issuedAt > RESPONSE_URL_TTL_MS ||
      target.uses >= RESPONSE_URL_MAX_USES
    ) {
      return answer(404, { ok: false, error: 'expired_url' });
    }
    if (this.serveFault(RESPONSE_URL_METHOD, args, res, req)) return;
    target.uses += 1;
    const original = target.messageTs
      ? this.state.findMessage(target.channel, target.messageTs)
      : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (!original || original.deleted)
        return answer(404, { ok: false, error: 'message_not_found' });
      original.deleted = true;
      this.state.changed({ kind: 'message', ref: original.channel });
      return answer(200, { ok: true });
    }
    const content = messageContent(body, true);
    if (isFailure(content)) return answer(400, content);
    const { text, blocks } = content as { text?: string; blocks?: JsonObject[] };
    if (
      (body.replace_original === true || body.replace_original === 'true') &&
      original &&
      !original.deleted
    ) {
      original.text = text ?? '';
      if (blocks) original.blocks = blocks as StoredMessage['blocks'];
      else delete original.blocks;
      original.state = initialState(original.blocks ?? []);
      original.edited = this.state.nextTs();
      this.state.changed({ kind: 'message', ref: original.channel });
      return answer(200, { ok: true });
    }
    this.state.postAsApp(
      target.channel,
      target.user,
      body.response_type === 'in_channel',
      'response_url',
      {
        text: text ?? '',
        ...(blocks ? { blocks } : {}),
        ...(typeof body.thread_ts === 'string' ? { thread_ts: body.thread_ts } : {}),
      },
    );
    answer(200, { ok: true });
  }
}
