import type { Server } from 'node:http';
import { App, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import { boltLogger } from '../logger.ts';
import { MemoryDedupeStore } from '../store/index.ts';
import { dedupeEvents } from './dedupe-events.ts';
import type { SlackDeps } from './deps.ts';
import { ExchangeService } from './exchange-service.ts';
import { InFlight } from './in-flight.ts';
import { registerActions } from './listeners/actions.ts';
import { registerCommand } from './listeners/command.ts';
import { registerHome } from './listeners/home.ts';
import { registerLifecycle } from './listeners/lifecycle.ts';
import { registerMessages } from './listeners/messages.ts';
import { registerViews } from './listeners/views.ts';
import {
  answerBrokenPayload,
  answerUnhandled,
  guardSlackRequests,
  UNHANDLED_REQUEST_TIMEOUT_MS,
} from './request-guard.ts';
import { ShareFlow } from './share-flow.ts';

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

export interface SlackAppOptions {
  botToken: string;
  /** HTTP mode. */
  signingSecret?: string;
  /** Socket Mode, when set. */
  appToken?: string;
  /** Web API base URL (the emulator's in tests and the playground). */
  apiUrl?: string;
  deps: SlackDeps;
}

export interface SlackApp {
  app: App;
  start(port: number): Promise<Server | undefined>;
  /** Stops accepting requests, then waits up to `drainMs` for replies already under way. */
  stop(drainMs?: number): Promise<void>;
}

/** How long shutdown waits for in-flight replies: a few Web API round trips with retries. */
export const DRAIN_MS = 5_000;

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

/** The one Bolt app: production, tests and the playground all build it here. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { deps } = options;
  const logger = boltLogger(deps.logger.child({ component: 'bolt' }));
  const health = {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    },
  };
  let receiver: Receiver;
  let http: HTTPReceiver | undefined;
  if (options.appToken) {
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger,
      customRoutes: [health],
    });
  } else {
    if (!options.signingSecret) throw new Error('HTTP mode needs a signing secret');
    http = new HTTPReceiver({
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
  const app = new App({
    token: options.botToken,
    receiver,
    logger,
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      retryConfig: INTERACTIVE_RETRIES,
      timeout: 10_000,
    },
  });
  app.error(async (error) => {
    deps.logger.error(
      {
        err: { name: error.name, code: (error as { code?: string }).code, message: error.message },
      },
      'listener failed',
    );
  });

  const inFlight = new InFlight();
  app.use(({ next }) => inFlight.run(next));
  app.use(dedupeEvents(deps.dedupe ?? new MemoryDedupeStore(), deps.logger));

  const exchange = new ExchangeService(deps);
  const share = new ShareFlow(deps, exchange);
  registerCommand(app, deps, exchange, share);
  registerActions(app, deps, exchange, share);
  registerViews(app, deps, exchange, share);
  registerMessages(app, deps, exchange);
  registerHome(app, deps, exchange);
  registerLifecycle(app, deps);

  return {
    app,
    async start(port: number) {
      const started = await app.start(port);
      return started && typeof (started as Server).address === 'function'
        ? (started as Server)
        : undefined;
    },
    async stop(drainMs = DRAIN_MS) {
      await app.stop();
      if (!(await inFlight.idle(drainMs))) {
        deps.logger.warn({ running: inFlight.count }, 'stopped with replies still under way');
      }
    },
  };
}
