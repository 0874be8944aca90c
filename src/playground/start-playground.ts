/**
 * `npm start` with no Slack credentials: the real bot plus a Slack-like page, all on this machine.
 *
 * One server on PORT (loopback only) serves the page, its API and the emulated Web API. The bot is
 * the same `createSlackApp()` production uses, with its HTTPReceiver on an ephemeral loopback port
 * and a signing secret generated for this run: every click reaches it as a signed HTTP request
 * and is verified and acknowledged exactly as in production.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackApp, EVENTS_PATH, HEALTH_PATH } from '../slack/app.ts';
import type { SlackDeps } from '../slack/deps.ts';
import { SlackEmulator } from './emulator/index.ts';
import { createPageServer, type PageClock } from './page-server.ts';
import { PlaygroundClock } from './playground-clock.ts';

export interface PlaygroundOptions {
  /** Where the page is served; 0 picks a free port. */
  port: number;
  deps: SlackDeps;
  /** Where the address line goes; stdout by default. */
  print?: (line: string) => void;
}

export interface PlaygroundHandle {
  /** The page, e.g. `http://localhost:3000`. */
  url: string;
  emulator: SlackEmulator;
  /** The bot's (and the pretend workspace's) time; the page moves it forward. */
  clock: PlaygroundClock;
  stop(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function startPlayground(options: PlaygroundOptions): Promise<PlaygroundHandle> {
  // The bot and the pretend workspace share one clock the page can move forward, so check-ins
  // fall due on demand and messages carry the time the bot thinks it is. Request signatures keep
  // the wall clock, as Slack's do (Bolt refuses a timestamp more than five minutes old).
  const clock = new PlaygroundClock();
  const deps: SlackDeps = { ...options.deps, now: () => clock.now() };
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  // Fresh for each run and never shown: the emulator and the bot are the only parties.
  const signingSecret = randomBytes(32).toString('hex');
  const botToken = `xoxb-playground-${randomBytes(12).toString('hex')}`;

  // The page never shows the call log, so a long session keeps only the most recent calls.
  const emulator = new SlackEmulator({
    signingSecret,
    botToken,
    maxCalls: 1_000,
    now: () => clock.now(),
    signingNow: Date.now,
  });
  const page = createPageServer(emulator, pageClock(clock, deps, emulator));
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
  emulator.use(page.route);
  try {
    await emulator.start(options.port, LOOPBACK);
  } catch (error) {
    page.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new Error(
        `port ${options.port} is already in use; stop whatever uses it, or run PORT=${options.port + 1} npm start`,
      );
    }
    throw error;
  }

  const slack = createSlackApp({ botToken, signingSecret, apiUrl: emulator.apiUrl, deps });
  let server: Server;
  try {
    server = (await slack.app.start({ port: 0, host: LOOPBACK })) as Server;
  } catch (error) {
    page.close();
    await emulator.stop();
    throw error;
  }
  const botPort = (server.address() as AddressInfo).port;
  emulator.setBotUrl(`http://${LOOPBACK}:${botPort}${EVENTS_PATH}`);
  botHealth = `http://${LOOPBACK}:${botPort}${HEALTH_PATH}`;
  // Check-ins run as in production (polling on a real timer), and at once when the page moves
  // the clock forward.
  slack.startCheckins({ clock });

  const port = new URL(emulator.url).port;
  const url = `http://localhost:${port}`;
  deps.logger.info({ mode: 'playground', port: Number(port), botPort }, 'career-path is running');
  print(`career-path playground: ${url}`);
  print('  A local Slack-like page with the real bot. Nothing leaves this machine.');
  print('  To use a real workspace, set the Slack credentials in .env (see .env.example).');

  let stopped: Promise<void> | undefined;
  return {
    url,
    emulator,
    clock,
    stop() {
      stopped ??= (async () => {
        page.close();
        await Promise.allSettled([slack.stop(), emulator.stop()]);
      })();
      return stopped;
    },
  };
}

/** What the page's clock control needs: the time, a way to move it, and each person's next check-in. */
function pageClock(clock: PlaygroundClock, deps: SlackDeps, emulator: SlackEmulator): PageClock {
  return {
    now: () => clock.now(),
    advanceBy: (ms) => clock.advanceBy(ms),
    async checkinOf(userId) {
      const key = { teamId: emulator.state.identity.teamId, userId };
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
