/**
 * `npm start` with no Slack credentials: the real bot plus a Slack-like page, all on this machine.
 *
 * One server on PORT (loopback only) serves the page, its API and the emulated Web API. The bot is
 * the same `createSlackApp()` production uses, with its HTTPReceiver on an ephemeral loopback port
 * and a signing secret generated for this run: every click reaches it as a signed HTTP request
 * and is verified and acknowledged exactly as in production. It runs as it does for many
 * workspaces (OAuth mode), installed in two pretend ones, Acme (`/`) and Globex (`/w/T0GLOBEX/`):
 * see playground-workspaces.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackApp, EVENTS_PATH, HEALTH_PATH } from '../slack/app.ts';
import type { SlackDeps } from '../slack/deps.ts';
import { memoryInstallationStore } from '../store/index.ts';
import { SlackEmulator } from './emulator/index.ts';
import { createPageServer, type PageClock, type PageServer } from './page-server.ts';
import { PlaygroundClock } from './playground-clock.ts';
import {
  installationOf,
  pagePathOf,
  pagesUnderPrefix,
  playgroundWorkspaceSpecs,
  webApiByToken,
} from './playground-workspaces.ts';

export interface PlaygroundOptions {
  /** Where the page is served; 0 picks a free port. */
  port: number;
  deps: SlackDeps;
  /** Where the address line goes; stdout by default. */
  print?: (line: string) => void;
}

export interface PlaygroundWorkspace {
  teamId: string;
  name: string;
  /** Where its page is served on the playground's address: `/` for the first. */
  path: string;
  emulator: SlackEmulator;
}

export interface PlaygroundHandle {
  /** The page, e.g. `http://localhost:3000`: the first workspace's. */
  url: string;
  /** The first workspace's emulator (Acme), which also serves every page and the one Web API address. */
  emulator: SlackEmulator;
  /** Every pretend workspace, the first one first. */
  workspaces: PlaygroundWorkspace[];
  /** The bot's (and the pretend workspaces') time; the page moves it forward. */
  clock: PlaygroundClock;
  stop(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function startPlayground(options: PlaygroundOptions): Promise<PlaygroundHandle> {
  // The bot and the pretend workspaces share one clock the page can move forward, so check-ins
  // fall due on demand and messages carry the time the bot thinks it is. Request signatures keep
  // the wall clock, as Slack's do (Bolt refuses a timestamp more than five minutes old).
  const clock = new PlaygroundClock();
  const deps: SlackDeps = { ...options.deps, now: () => clock.now() };
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  // Fresh for each run and never shown: the emulators and the bot are the only parties. One app,
  // so one signing secret; one bot token per workspace, as each installation gets its own.
  const signingSecret = randomBytes(32).toString('hex');
  const secret = () => randomBytes(24).toString('hex');

  // The page never shows the call log, so a long session keeps only the most recent calls.
  const workspaces = playgroundWorkspaceSpecs().map((spec, index) => {
    const botToken = `xoxb-playground-${spec.domain}-${randomBytes(12).toString('hex')}`;
    const emulator = new SlackEmulator({
      signingSecret,
      botToken,
      teamId: spec.teamId,
      teamName: spec.name,
      teamDomain: spec.domain,
      botUserId: spec.botUserId,
      botId: spec.botId,
      users: spec.users,
      maxCalls: 1_000,
      now: () => clock.now(),
      signingNow: Date.now,
    });
    return { spec, botToken, emulator, path: pagePathOf(spec.teamId, index) };
  });
  const [first, ...others] = workspaces;
  if (!first) throw new Error('the playground needs a workspace');
  const emulator = first.emulator;
  const links = workspaces.map((w) => ({
    id: w.spec.teamId,
    name: w.spec.name,
    href: w.path,
    people: w.spec.users.map((u) => u.id),
  }));
  const pages = workspaces.map((w) =>
    createPageServer(w.emulator, pageClock(clock, deps, w.spec.teamId), { workspaces: links }),
  );
  const closePages = () => {
    for (const page of pages) page.close();
  };
  // The same health check as HTTP mode, on the address `npm start` printed: it answers for the
  // bot behind the page, so whoever waits for the playground can poll it.
  let botHealth: string | undefined;
  emulator.use(async (req, res, url) => {
    if (req.method !== 'GET' || url.pathname !== HEALTH_PATH) return false;
    const answer = botHealth
      ? await fetch(botHealth).then(
          async (r) => ({ status: r.status, body: await r.text() }),
          () => ({ status: 503, body: '{"ok":false}' }),
        )
      : { status: 503, body: '{"ok":false,"starting":true}' };
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
    return true;
  });
  emulator.use(webApiByToken(others.map((w) => ({ token: w.botToken, emulator: w.emulator }))));
  emulator.use(
    pagesUnderPrefix(
      others.map((w, i) => ({ teamId: w.spec.teamId, route: (pages[i + 1] as PageServer).route })),
    ),
  );
  emulator.use((pages[0] as PageServer).route);
  const stopEmulators = () => Promise.allSettled(workspaces.map((w) => w.emulator.stop()));
  try {
    await emulator.start(options.port, LOOPBACK);
    for (const other of others) await other.emulator.start(0, LOOPBACK);
  } catch (error) {
    closePages();
    await stopEmulators();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new Error(
        `port ${options.port} is already in use; stop whatever uses it, or run PORT=${options.port + 1} npm start`,
      );
    }
    throw error;
  }

  // The bot runs as it does for many workspaces (OAuth mode), installed in every pretend one.
  // Every Web API call goes to the first emulator's address, which hands each call to the
  // workspace its token belongs to.
  const installations = memoryInstallationStore();
  for (const w of workspaces)
    await installations.storeInstallation(installationOf(w.emulator, w.botToken));
  const slack = createSlackApp({
    oauth: {
      clientId: `${Date.now()}.${randomBytes(5).readUInt32BE()}`,
      clientSecret: secret(),
      stateSecret: secret(),
      scopes: [...emulator.state.botScopes],
      installations,
    },
    signingSecret,
    apiUrl: emulator.apiUrl,
    deps,
  });
  let server: Server;
  try {
    server = (await slack.app.start({ port: 0, host: LOOPBACK })) as Server;
  } catch (error) {
    closePages();
    await stopEmulators();
    throw error;
  }
  const botPort = (server.address() as AddressInfo).port;
  for (const w of workspaces) w.emulator.setBotUrl(`http://${LOOPBACK}:${botPort}${EVENTS_PATH}`);
  botHealth = `http://${LOOPBACK}:${botPort}${HEALTH_PATH}`;
  // Check-ins run as in production (polling on a real timer), and at once when the page moves
  // the clock forward.
  slack.startCheckins({ clock });

  const port = new URL(emulator.url).port;
  const url = `http://localhost:${port}`;
  deps.logger.info({ mode: 'playground', port: Number(port), botPort }, 'career-path is running');
  print(`career-path playground: ${url}`);
  print('  A local Slack-like page with the real bot. Nothing leaves this machine.');
  print(
    `  Workspaces: ${workspaces.map((w) => `${w.spec.name} (${url}${w.path})`).join(', ')}; switch in the page's header.`,
  );
  print('  To use a real workspace, set the Slack credentials in .env (see .env.example).');

  let stopped: Promise<void> | undefined;
  return {
    url,
    emulator,
    workspaces: workspaces.map((w) => ({
      teamId: w.spec.teamId,
      name: w.spec.name,
      path: w.path,
      emulator: w.emulator,
    })),
    clock,
    stop() {
      stopped ??= (async () => {
        closePages();
        await Promise.allSettled([slack.stop(), stopEmulators()]);
      })();
      return stopped;
    },
  };
}

/** What the page's clock control needs: the time, a way to move it, and each person's next check-in. */
function pageClock(clock: PlaygroundClock, deps: SlackDeps, teamId: string): PageClock {
  return {
    now: () => clock.now(),
    advanceBy: (ms) => clock.advanceBy(ms),
    async checkinOf(userId) {
      const key = { teamId, userId };
      const prefs = (await deps.store.get(key))?.checkin;
      if (!prefs || prefs.cadence === 'off') return { next: null, pausedUntil: null };
      const now = clock.now();
      return {
        next: prefs.next,
        pausedUntil:
          prefs.pausedUntil !== undefined && prefs.pausedUntil > now ? prefs.pausedUntil : null,
      };
    },
  };
}
