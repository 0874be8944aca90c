import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTestPlayground, type TestPlayground } from '../../support/playground.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_REASON = `browser tests skipped: ${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium; .ci/run does this)`;

/** Exactly the flags CI uses: no network side channels, no first-run work, no sandbox in a container. */
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Playwright gives each launch() a fresh, empty temporary profile (user-data-dir) and removes it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

export const SCREENSHOT_DIR = join(process.cwd(), 'artifacts', 'screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}

export const LAPTOP = { width: 1280, height: 800 };

export interface ChromiumPlayground {
  browser: Browser;
  /** A fresh playground per test. */
  pg: TestPlayground;
  /** A fresh laptop-sized context per test; a test may swap it (it is closed after the test). */
  context: BrowserContext;
}

/** Registers the hooks of a browser suite: one Chromium, and a playground + context per test. */
export function chromiumPlayground(): ChromiumPlayground {
  const env = {} as ChromiumPlayground;
  beforeAll(async () => {
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
  });
  beforeEach(async () => {
    env.pg = await startTestPlayground();
    env.context = await env.browser.newContext({ viewport: LAPTOP });
  });
  afterEach(async () => {
    await env.context.close();
    await env.pg.stop();
  });
  return env;
}
