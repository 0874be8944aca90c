/**
 * The playground page and its small HTTP API, served on the emulator's port next to the Web API:
 * `/` and `/page/*` (static files), `/playground/state` (what one person sees),
 * `/playground/events` (server-sent "something changed"), and POSTs that act as a person would
 * in Slack (type a command, click, pick, submit, close, write, open the Home tab). Every action
 * goes through the emulator, which signs and delivers it to the bot like Slack does. Two more,
 * `/playground/clock/advance` and `/playground/clock/next-checkin`, move the playground's clock
 * forward so check-ins fall due. One page server per pretend workspace; `workspaces` lists them
 * all for the page's picker.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  findElement,
  setStateValue,
  type UserInputValue,
  valueForElement,
} from './emulator/blocks.ts';
import { DEFAULT_COMMAND, dmChannelIdFor } from './emulator/defaults.ts';
import { sendJson } from './emulator/http.ts';
import type { ExtraRoute, SlackEmulator } from './emulator/slack-emulator.ts';
import type { ChangeEvent, DeliveryResult } from './emulator/types.ts';
import { loadStaticFiles, type StaticFile } from './static-files.ts';
import { buildUserView } from './user-view.ts';

const MAX_BODY_BYTES = 64 * 1024;
const HOUR_MS = 3_600_000;
/** One move of the clock: enough to reach any cadence's next check-in (monthly is four weeks). */
export const MAX_ADVANCE_MS = 60 * 24 * HOUR_MS;
const SSE_KEEPALIVE_MS = 20_000;
/** Changes arrive in bursts (one click: a delivery, several Web API calls); tell the page once. */
const SSE_COALESCE_MS = 15;

/** The browser gets a strict policy: the page's own files only, no inline script, no remote fetches. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const slackId = z.string().regex(/^[A-Z0-9]{2,24}$/, 'must be a Slack id');
const ts = z.string().regex(/^\d{1,12}\.\d{1,8}$/, 'must be a message ts');
const actionId = z.string().min(1).max(255);
const inputValue: z.ZodType<UserInputValue> = z.union([
  z.string().max(10_000),
  z.array(z.string().max(2_000)).max(100),
  z.null(),
]);

const target = {
  user: slackId,
  messageTs: ts.optional(),
  channel: slackId.optional(),
  viewId: slackId.optional(),
  actionId,
  blockId: z.string().min(1).max(255).optional(),
};

const schemas = {
  command: z.object({
    user: slackId,
    channel: slackId,
    command: z.string().min(1).max(100).default(DEFAULT_COMMAND),
    text: z.string().max(4_000).default(''),
  }),
  message: z.object({ user: slackId, channel: slackId, text: z.string().min(1).max(40_000) }),
  click: z.object({ ...target, value: z.string().max(2_000).optional() }),
  select: z.object({ ...target, value: inputValue }),
  submit: z.object({
    user: slackId,
    viewId: slackId,
    values: z
      .array(z.object({ blockId: z.string().min(1).max(255), actionId, value: inputValue }))
      .max(100)
      .default([]),
  }),
  close: z.object({ user: slackId, viewId: slackId }),
  home: z.object({ user: slackId }),
  'clock/advance': z.object({
    /** Whose next check-in to report back; the clock itself is the whole workspace's. */
    user: slackId,
    ms: z
      .number()
      .int('must be whole milliseconds')
      .min(1, 'must move the clock forward')
      .max(MAX_ADVANCE_MS, `must be at most ${MAX_ADVANCE_MS / (24 * HOUR_MS)} days`),
  }),
  /** Straight to this person's next check-in, so it arrives at its own time, not late. */
  'clock/next-checkin': z.object({ user: slackId }),
};
type Schemas = typeof schemas;
type Action = keyof Schemas;

/** A problem with what the page asked for: shown to the person as it is. */
class PageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The playground's clock, as the page sees and moves it. */
export interface PageClock {
  now(): number;
  /** Resolves once the check-ins that fell due have been sent. */
  advanceBy(ms: number): Promise<void>;
  /** This person's next check-in and any snooze, or nulls when check-ins are off. */
  checkinOf(userId: string): Promise<{ next: number | null; pausedUntil: number | null }>;
}

/** What the page shows in its clock control, for one person. */
export interface ClockState {
  now: number;
  /** The person's Slack time zone: the page shows times in it, as Slack does. */
  tz: string;
  nextCheckin: number | null;
  pausedUntil: number | null;
}

/** A pretend workspace the page can switch to, and where its page is. */
export interface WorkspaceLink {
  id: string;
  name: string;
  href: string;
  /** Its people's ids: switching keeps the person when they are there too. */
  people?: string[];
}

export interface PageServerOptions {
  /** Every workspace of the playground, for the page's workspace picker; default: this one. */
  workspaces?: WorkspaceLink[];
}

export interface PageServer {
  route: ExtraRoute;
  /** Ends open event streams (so the server can close at once). */
  close(): void;
}

export function createPageServer(
  emu: SlackEmulator,
  clock: PageClock,
  options: PageServerOptions = {},
): PageServer {
  const files = loadStaticFiles();
  const { identity } = emu.state;
  const workspaces = options.workspaces ?? [
    { id: identity.teamId, name: identity.teamName, href: '/' },
  ];
  const streams = new Set<ServerResponse>();
  let version = 0;
  let pending: NodeJS.Timeout | undefined;
  const onChange = (change: ChangeEvent) => {
    if (change.kind === 'delivery') return;
    version += 1;
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      for (const res of streams) res.write(`event: change\ndata: ${version}\n\n`);
    }, SSE_COALESCE_MS);
  };
  emu.on('change', onChange);
  const keepalive = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, SSE_KEEPALIVE_MS);
  keepalive.unref();

  const human = (id: string) => {
    const user = emu.state.users.get(id);
    if (!user || user.is_bot) throw new PageError(400, 'unknown_user', `No person with id ${id}`);
    return user;
  };

  const handlers: { [A in Action]: (input: z.output<Schemas[A]>) => Promise<unknown> } = {
    async command({ user, channel, command, text }) {
      human(user);
      if (command !== DEFAULT_COMMAND) {
        throw new PageError(
          400,
          'unknown_command',
          `${command} is not a command in this playground. Try ${DEFAULT_COMMAND} help.`,
        );
      }
      return delivered(await emu.sendCommand({ user, channel, command, text }));
    },
    async message({ user, channel, text }) {
      human(user);
      if (channel === dmChannelIdFor(user)) return delivered(await emu.sendDm({ user, text }));
      emu.postUserMessage({ user, channel, text });
      return { ok: true };
    },
    async click(input) {
      human(input.user);
      return delivered(await emu.clickButton(input));
    },
    async select(input) {
      human(input.user);
      const result = await emu.selectOption(input);
      return result ? delivered(result) : { ok: true };
    },
    async submit({ user, viewId, values }) {
      human(user);
      const view = emu.topModal(user);
      if (!view || view.id !== viewId)
        throw new PageError(409, 'view_gone', 'That form has already closed.');
      for (const v of values) {
        const found = findElement(view.blocks, v.actionId, v.blockId);
        if (found) setStateValue(view.state.values, found, valueForElement(found.element, v.value));
      }
      return delivered(await emu.submitView({ user, viewId }));
    },
    async close({ user, viewId }) {
      human(user);
      const result = await emu.closeView({ user, viewId });
      return result ? delivered(result) : { ok: true };
    },
    async home({ user }) {
      human(user);
      return delivered(await emu.openAppHome({ user }));
    },
    async 'clock/advance'({ user, ms }) {
      human(user);
      await clock.advanceBy(ms);
      return { ok: true, clock: await clockState(user) };
    },
    async 'clock/next-checkin'({ user }) {
      const person = human(user);
      const { next } = await clock.checkinOf(user);
      if (next === null) {
        throw new PageError(
          409,
          'no_checkin',
          `${person.real_name} has no check-in scheduled. Turn check-ins on first.`,
        );
      }
      const ms = Math.max(0, next - clock.now());
      if (ms > MAX_ADVANCE_MS)
        throw new PageError(409, 'too_far', 'The next check-in is more than 60 days away.');
      await clock.advanceBy(ms);
      return { ok: true, clock: await clockState(user) };
    },
  };

  async function clockState(user: string): Promise<ClockState> {
    const { next, pausedUntil } = await clock.checkinOf(user);
    return { now: clock.now(), tz: human(user).tz, nextCheckin: next, pausedUntil };
  }

  const route: ExtraRoute = async (req, res, url) => {
    const path = url.pathname;
    const isPage = path === '/' || path.startsWith('/page/') || path.startsWith('/playground/');
    if (!isPage) return false;
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!LOOPBACK_HOSTS.has(host)) {
      // Another site resolving its name to this machine (DNS rebinding) gets nothing.
      sendJson(res, 403, { ok: false, error: 'forbidden_host' });
      return true;
    }
    if (req.method === 'GET' && (path === '/' || path.startsWith('/page/'))) {
      serveFile(res, files.get(path === '/' ? 'index.html' : path.slice('/page/'.length)));
      return true;
    }
    if (req.method === 'GET' && path === '/playground/state') {
      const user = url.searchParams.get('user') ?? '';
      try {
        human(user);
        const view = buildUserView(emu.state, user, version);
        sendJson(
          res,
          200,
          { ...view, clock: await clockState(user), workspaces },
          { 'cache-control': 'no-store' },
        );
      } catch (error) {
        sendProblem(res, error);
      }
      return true;
    }
    if (req.method === 'GET' && path === '/playground/events') {
      openStream(req, res);
      return true;
    }
    const action = /^\/playground\/(\w+(?:\/[\w-]+)?)$/.exec(path)?.[1];
    if (req.method === 'POST' && action && Object.hasOwn(handlers, action)) {
      try {
        sendJson(res, 200, await act(action as Action, req));
      } catch (error) {
        sendProblem(res, error);
      }
      return true;
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
    return true;
  };

  async function act(action: Action, req: IncomingMessage): Promise<unknown> {
    // A JSON content type makes browsers preflight cross-site posts, which this server never
    // approves: other web pages cannot drive the playground.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      throw new PageError(415, 'json_only', 'Send JSON (content-type: application/json).');
    const raw = await readLimited(req);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new PageError(400, 'invalid_json', 'The request body is not valid JSON.');
    }
    const parsed = schemas[action].safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new PageError(
        400,
        'invalid_request',
        `${first?.path.join('.') || 'body'}: ${first?.message ?? 'invalid'}`,
      );
    }
    const handler = handlers[action] as (input: unknown) => Promise<unknown>;
    return handler(parsed.data);
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(`retry: 1000\nevent: change\ndata: ${version}\n\n`);
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  return {
    route,
    close() {
      emu.off('change', onChange);
      clearInterval(keepalive);
      if (pending) clearTimeout(pending);
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}

/** The bot's answer to a delivery, as the page needs it: did Slack's 3-second ack happen? */
function delivered(result: DeliveryResult): { ok: boolean; status: number; warnings?: string[] } {
  if (result.status !== 200) {
    throw new PageError(
      502,
      'app_error',
      `The app answered HTTP ${result.status}; Slack would show the person an error.`,
    );
  }
  return {
    ok: true,
    status: result.status,
    ...(result.ackProblems?.length ? { warnings: result.ackProblems } : {}),
  };
}

function serveFile(res: ServerResponse, file: StaticFile | undefined): void {
  if (!file) {
    sendJson(res, 404, { ok: false, error: 'not_found' });
    return;
  }
  res.writeHead(200, {
    'content-type': file.type,
    'content-length': file.body.length,
    'cache-control': 'no-cache',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(file.body);
}

function sendProblem(res: ServerResponse, error: unknown): void {
  if (error instanceof PageError) {
    sendJson(res, error.status, { ok: false, error: error.code, message: error.message });
    return;
  }
  if (typeof (error as { code?: unknown }).code === 'string') {
    sendJson(res, 502, {
      ok: false,
      error: 'app_unreachable',
      message: 'The app did not answer; is it still running?',
    });
    return;
  }
  // The emulator throws plain errors for things the page pointed at that no longer exist.
  const message = error instanceof Error ? error.message : String(error);
  sendJson(res, 409, { ok: false, error: 'not_applicable', message });
}

async function readLimited(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PageError(413, 'too_large', 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
