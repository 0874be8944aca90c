import type { Server, ServerResponse } from 'node:http';
import { App, ErrorCode, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import { boltLogger } from '../logger.ts';
import {
  CheckinScheduler,
  type CheckinSchedulerOptions,
  type Deliver,
} from '../scheduler/checkin-scheduler.ts';
import { type Clock, clockFrom } from '../scheduler/clock.ts';
import { MemoryDedupeStore } from '../store/index.ts';
import type { SlackDeps } from './deps.ts';
import * as checkinsFeature from './features/checkins/index.ts';
import * as exchangeFeature from './features/exchange/index.ts';
import * as homeFeature from './features/home/index.ts';
import * as lifecycleFeature from './features/lifecycle/index.ts';
import * as shareFeature from './features/share/index.ts';
import {
  InstallationClients,
  type OAuthOptions,
  oauthReceiverOptions,
  refusedIds,
} from './install/oauth.ts';
import { SingleWorkspaceAuthorization } from './install/single-workspace.ts';
import { ListenerRouter } from './router.ts';
import { createServices, type Services } from './services.ts';
import { dedupeEvents } from './transport/dedupe-events.ts';
import { serveHealth } from './transport/health-server.ts';
import { fetchWithin, scheduledFetch } from './transport/http-fetch.ts';
import { InFlight } from './transport/in-flight.ts';
import { RateLimits } from './transport/rate-limits.ts';
import {
  answerBrokenPayload,
  answerUnhandled,
  guardSlackRequests,
  UNHANDLED_REQUEST_TIMEOUT_MS,
} from './transport/request-guard.ts';

/** Every feature, each registering its own listeners: someone fixing sharing opens one folder. */
const FEATURES = [exchangeFeature, shareFeature, checkinsFeature, homeFeature, lifecycleFeature];

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

export interface SlackAppOptions {
  /** One workspace, one token. Leave it out and pass `oauth` to serve many (HTTP only). */
  botToken?: string;
  /** OAuth mode: Bolt's install flow, every request authorized by its installation. */
  oauth?: OAuthOptions;
  /** HTTP mode. */
  signingSecret?: string;
  /** Socket Mode, when set. */
  appToken?: string;
  /** Web API base URL (the emulator's in tests and the playground). */
  apiUrl?: string;
  deps: SlackDeps;
  /** What /healthz reports (the state store's reachability); answers 503 when not ok. */
  health?: () => Promise<{ ok: boolean }>;
}

export interface SlackApp {
  app: App;
  services: Services;
  start(port: number): Promise<Server | undefined>;
  /**
   * Starts sending check-ins as they fall due. `clock` defaults to deps.now with real sleeps;
   * pass a ManualClock to move time by hand (tests, the playground). stop() stops it too.
   */
  startCheckins(options?: StartCheckinsOptions): CheckinScheduler;
  /**
   * Stops the check-in scheduler, stops accepting requests, then waits up to `drainMs` for
   * replies already under way.
   */
  stop(drainMs?: number): Promise<void>;
  /** Resolves once no request is being handled and no check-in run is under way. */
  idle(): Promise<void>;
}

/** A check-in whose installation could not be read is tried again after this long. */
const INSTALLATION_RETRY_MS = 5 * 60_000;

/** How long shutdown waits for in-flight replies: a few Web API round trips with retries. */
export const DRAIN_MS = 5_000;

export type StartCheckinsOptions = { clock?: Clock } & Partial<
  Pick<
    CheckinSchedulerOptions,
    'pollMs' | 'sendIntervalMs' | 'batchSize' | 'leaseMs' | 'pacer' | 'maxQueued'
  >
>;

/**
 * A user is waiting on every reply: a few quick retries beat the client's default of retrying
 * for up to half an hour, after which the answer would be meaningless.
 */
export const INTERACTIVE_RETRIES: RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 200,
  maxTimeout: 2_000,
  randomize: true,
};

/**
 * Each attempt of a Web API call a user waits on gives up after this (the transport's deadline,
 * transport/http-fetch.ts, retried by INTERACTIVE_RETRIES): a call that stalls every time ends
 * within ~16 s, and the user is told (core/reply-route.ts).
 */
export const INTERACTIVE_TIMEOUT_MS = 5_000;
const interactiveFetch = fetchWithin(INTERACTIVE_TIMEOUT_MS);

/** The one Bolt app: production, tests and the playground all build it here. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { deps } = options;
  const logger = boltLogger(deps.logger.child({ component: 'bolt' }));
  const health = {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: async (_req: unknown, res: ServerResponse) => {
      const report = options.health
        ? await options.health().catch(() => ({ ok: false }))
        : { ok: true };
      res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(report));
    },
  };
  let receiver: Receiver;
  let http: HTTPReceiver | undefined;
  if (options.appToken) {
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger,
      // apps.connections.open goes where the rest of the Web API goes (the emulator's in tests).
      ...(options.apiUrl
        ? { installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } } }
        : {}),
    });
  } else {
    if (!options.signingSecret) throw new Error('HTTP mode needs a signing secret');
    if (!options.oauth && !options.botToken) throw new Error('a bot token, or OAuth options');
    http = new HTTPReceiver({
      ...(options.oauth ? oauthReceiverOptions(options.oauth, options.apiUrl, deps.logger) : {}),
      signingSecret: options.signingSecret,
      endpoints: EVENTS_PATH,
      logger,
      customRoutes: [health],
      processBeforeResponse: false,
      unhandledRequestTimeoutMillis: UNHANDLED_REQUEST_TIMEOUT_MS,
      unhandledRequestHandler: answerUnhandled(deps.logger),
      processEventErrorHandler: answerBrokenPayload(deps.logger),
    });
    guardSlackRequests(http, {
      signingSecret: options.signingSecret,
      endpoints: [EVENTS_PATH],
      logger: deps.logger.child({ component: 'request-guard' }),
    });
    receiver = http;
  }
  const identity = options.botToken
    ? new SingleWorkspaceAuthorization(
        new WebClient(options.botToken, {
          ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
          retryConfig: INTERACTIVE_RETRIES,
          fetch: interactiveFetch,
          logger,
        }),
        options.botToken,
        deps.logger,
      )
    : undefined;
  // Asked now, as Bolt would, so the first request usually finds the bot's ids known.
  void identity?.verify();
  const app = new App({
    ...(options.oauth || !identity ? {} : { authorize: identity.authorize }),
    receiver,
    logger,
    // Unused here (state lives in deps.store); Bolt's default store throws an Error per request.
    convoStore: false,
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      retryConfig: INTERACTIVE_RETRIES,
      fetch: interactiveFetch,
      // A 429 comes back to this one call instead of pausing the shared queue for every user;
      // RateLimits retries it after its Retry-After (transport/rate-limits.ts).
      rejectRateLimitedCalls: true,
    },
  });
  app.error(async (error) => {
    if (options.oauth && error.code === ErrorCode.AuthorizationError) {
      // A workspace with no installation (never installed, or uninstalled): nothing to answer.
      deps.logger.info(
        { code: 'no_installation', ...refusedIds(error) },
        'refused a request from a workspace not installed',
      );
      return;
    }
    deps.logger.error(
      {
        err: { name: error.name, code: (error as { code?: string }).code, message: error.message },
      },
      'listener failed',
    );
  });

  const inFlight = new InFlight();
  const dedupe = dedupeEvents(deps.dedupe ?? new MemoryDedupeStore(), deps.logger);
  const rateLimits = new RateLimits();
  // One Bolt middleware for both: Bolt copies the whole argument object for every layer.
  app.use((args) => inFlight.run(() => dedupe(args, args.next)));
  const services = createServices(
    options.oauth ? { ...deps, installations: options.oauth.installations } : deps,
  );
  // Each listener's client retries its own rate-limited calls (whichever token Bolt picked).
  const router = new ListenerRouter(app, deps.logger, services.failures, rateLimits);
  for (const feature of FEATURES) feature.register(router, services);

  let scheduler: CheckinScheduler | undefined;
  let healthServer: Server | undefined;
  const singleTokenDeliver = (): Deliver => {
    const client = new WebClient(options.botToken, {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      rejectRateLimitedCalls: true,
      retryConfig: INTERACTIVE_RETRIES,
      fetch: scheduledFetch,
      logger,
    });
    return (key, ctx) => services.checkins.delivery.deliverDue({ key, client }, ctx);
  };
  // Each user's check-in goes out with their workspace's (or org's) token.
  const installationDeliver = (receiver: HTTPReceiver): Deliver => {
    const clients = new InstallationClients(receiver, {
      apiUrl: options.apiUrl,
      retryConfig: INTERACTIVE_RETRIES,
      logger,
    });
    return async (key, ctx) => {
      let client: WebClient | undefined;
      try {
        client = await clients.clientFor(key.teamId);
      } catch {
        // The installation could not be read (store outage, refresh refused): try again later.
        await services.schedule.setDue(key, ctx.now() + INSTALLATION_RETRY_MS);
        return { type: 'failed', code: 'installation_unavailable' };
      }
      if (client) return services.checkins.delivery.deliverDue({ key, client }, ctx);
      // Uninstalled: nothing may be sent, and nothing is due any more.
      await services.schedule.setDue(key, null);
      return { type: 'skipped' };
    };
  };
  return {
    app,
    services,
    async start(port: number) {
      const started = await app.start(port);
      if (options.appToken) {
        healthServer = await serveHealth(port, HEALTH_PATH, health.handler);
        return healthServer;
      }
      return started && typeof (started as Server).address === 'function'
        ? (started as Server)
        : undefined;
    },
    startCheckins({ clock, ...tuning } = {}) {
      if (scheduler) return scheduler;
      // Its own client: a 429 must come back to the scheduler (which paces every send) instead
      // of being waited out inside one call.
      scheduler = new CheckinScheduler({
        ...(deps.pacer ? { pacer: deps.pacer } : {}),
        ...tuning,
        schedule: services.schedule,
        clock: clock ?? clockFrom(deps.now),
        logger: deps.logger.child({ component: 'checkins' }),
        deliver: options.oauth && http ? installationDeliver(http) : singleTokenDeliver(),
      });
      scheduler.start();
      return scheduler;
    },
    async idle() {
      while (inFlight.count > 0 || scheduler?.busy) {
        await Promise.all([inFlight.idle(DRAIN_MS), scheduler?.idle()]);
      }
    },
    async stop(drainMs = DRAIN_MS) {
      rateLimits.stop();
      await scheduler?.stop();
      await app.stop();
      const closing = healthServer;
      healthServer = undefined;
      if (closing) await new Promise((resolve) => closing.close(resolve));
      if (!(await inFlight.idle(drainMs))) {
        deps.logger.warn({ running: inFlight.count }, 'stopped with replies still under way');
      }
    },
  };
}
