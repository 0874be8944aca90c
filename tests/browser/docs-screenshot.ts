/**
 * Regenerates docs/playground.png (the README's picture of the playground) from a real run:
 * `npx tsx tests/browser/docs-screenshot.ts`. Needs /usr/bin/chromium.
 */
import { startTestPlayground } from '../support/playground.ts';
import { hasChromium, launchChromium, SKIP_REASON } from './support/browser.ts';

const OUT = new URL('../../docs/playground.png', import.meta.url).pathname;

if (!hasChromium) {
  console.error(SKIP_REASON);
  process.exit(1);
}

const pg = await startTestPlayground();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(pg.url);
  const latest = () => page.locator('#messages .message[data-from="app"]:not(.ephemeral)').last();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('/career-path');
  await composer.press('Enter');
  for (const step of [1, 2]) {
    await latest()
      .filter({ hasText: `Step ${step} of 10` })
      .waitFor();
    await latest().locator('.block-actions').first().getByRole('button').first().click();
  }
  await latest().filter({ hasText: 'Step 3 of 10' }).waitFor();
  await composer.fill('The retry storm that took down checkout: I kept sketching fixes at home.');
  await composer.press('Enter');
  await latest().filter({ hasText: 'Step 4 of 10' }).waitFor();
  await page.mouse.move(5, 795);
  await composer.blur();
  await page.waitForTimeout(1_500); // let the "updated" highlight fade
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await pg.stop();
}
