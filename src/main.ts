import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { ContentError, Engine } from './engine/index.ts';
import { newSessionId } from './ids.ts';
import { loadContent } from './load-content.ts';
import { createLogger, type Logger } from './logger.ts';
import { projectPath } from './project-paths.ts';
import { createSlackApp } from './slack/app.ts';
import type { SlackDeps } from './slack/deps.ts';
import { type OpenedStores, openStores } from './store/index.ts';

/** Bad configuration or content stops startup with one line per problem, and nothing else. */
function fail(heading: string, problems: string[]): never {
  process.stderr.write(`${heading}\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}

async function boot(): Promise<{ config: Config; deps: SlackDeps; stores: OpenedStores }> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError)
      fail('career-path cannot start: fix these settings (see .env.example):', error.problems);
    throw error;
  }
  let engine: Engine;
  try {
    engine = new Engine(loadContent());
  } catch (error) {
    if (error instanceof ContentError)
      fail(
        'career-path cannot start: the prompts/ content has problems:',
        error.problems.map((p) => `${p.file}: ${p.path || '(root)'}: ${p.message}`),
      );
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, pretty: Boolean(process.stdout.isTTY) });
  const stores = await openStores(
    {
      ...config.store,
      ...(config.oauth?.encryptionKey ? { installationKey: config.oauth.encryptionKey } : {}),
    },
    logger,
  );
  return {
    config,
    stores,
    deps: {
      engine,
      store: stores.state,
      // Redis when configured (check-ins then survive a restart); otherwise the app's memory one.
      ...(stores.schedule ? { schedule: stores.schedule } : {}),
      // Shared across instances with Redis, so a retry landing on another one is still seen.
      ...(stores.dedupe ? { dedupe: stores.dedupe } : {}),
      // Shared with Redis, so N instances together keep each workspace's posting pace.
      ...(stores.pacer ? { pacer: stores.pacer } : {}),
      logger,
      now: Date.now,
      newId: newSessionId,
    },
  };
}

/** The bot scopes to ask for on Slack's authorize page: the manifest's, so the two never drift. */
function manifestBotScopes(): string[] {
  const manifest = JSON.parse(readFileSync(projectPath('manifest.json'), 'utf8')) as {
    oauth_config?: { scopes?: { bot?: string[] } };
  };
  return manifest.oauth_config?.scopes?.bot ?? [];
}

function onSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // slack.stop() stops the check-in scheduler first, then drains replies under way (bounded).
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Sessions live in memory: a stray rejection must not take every user's progress down with
  // the process. It is logged (code and message only) and the bot carries on.
  process.on('unhandledRejection', (reason) => {
    const err = reason instanceof Error ? { name: reason.name, message: reason.message } : {};
    logger.error({ err }, 'unhandled rejection');
  });
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function main(): Promise<void> {
  const { config, deps, stores } = await boot();
  if (config.mode === 'playground') {
    const starting = import('./playground/start-playground.ts').then(({ startPlayground }) =>
      startPlayground({ port: config.port, deps }),
    );
    // Before the playground prints its address: whoever reads that line may stop it at once.
    onSignals(deps.logger, async () => {
      await (await starting).stop();
      await stores.close();
    });
    await starting;
    return;
  }
  const slack = createSlackApp({
    ...(config.oauth
      ? {
          oauth: {
            clientId: config.oauth.clientId,
            clientSecret: config.oauth.clientSecret,
            stateSecret: config.oauth.stateSecret,
            ...(config.oauth.redirectUri ? { redirectUri: config.oauth.redirectUri } : {}),
            scopes: manifestBotScopes(),
            installations: stores.installations,
          },
        }
      : { botToken: config.botToken as string }),
    signingSecret: config.signingSecret,
    appToken: config.appToken,
    apiUrl: config.apiUrl,
    deps,
    health: stores.health,
  });
  const server = await slack.start(config.port);
  // Before "career-path is running": a supervisor (or a test) that reads that line may signal at
  // once, and until a listener exists SIGINT and SIGTERM kill the process outright, exit code
  // none instead of 0 (seen in CI: the SIGINT shutdown test, on a loaded machine).
  onSignals(deps.logger, async () => {
    await slack.stop();
    await stores.close();
  });
  slack.startCheckins();
  // The port actually bound: PORT=0 asks the system for a free one.
  const bound = server?.address();
  deps.logger.info(
    {
      mode: config.mode,
      port:
        config.mode !== 'http' && config.mode !== 'oauth'
          ? undefined
          : typeof bound === 'object' && bound
            ? bound.port
            : config.port,
      store: config.store.url ? 'redis' : 'memory',
    },
    'career-path is running',
  );
  if (config.oauth) {
    deps.logger.info(
      {
        installations: config.store.url ? 'redis' : 'memory',
        encrypted: Boolean(config.oauth.encryptionKey),
        install: '/slack/install',
        redirect: '/slack/oauth_redirect',
      },
      config.store.url
        ? 'OAuth mode: installations are kept in Redis'
        : 'OAuth mode: installations are kept in memory and are lost on restart (set STATE_STORE_URL to keep them)',
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `career-path failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
