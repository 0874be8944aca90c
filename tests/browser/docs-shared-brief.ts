/**
 * Regenerates docs/shared-brief.png (the README's picture of a shared brief) from a real run: the
 * "Done when" persona shares with Morgan leaving "What I'm rethinking" out, and Morgan's DM is
 * photographed. `npx tsx tests/browser/docs-shared-brief.ts`. Needs /usr/bin/chromium.
 */
import { startTestPlayground } from '../support/playground.ts';
import { hasChromium, LAPTOP, launchChromium, SKIP_REASON } from './support/browser.ts';
import { latestApp, WAIT } from './support/conversation.ts';
import { shareWithPerson, viewAs, walkPersonaInPage } from './support/share-and-answer.ts';

const OUT = new URL('../../docs/shared-brief.png', import.meta.url).pathname;

if (!hasChromium) {
  console.error(SKIP_REASON);
  process.exit(1);
}

const pg = await startTestPlayground();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: LAPTOP });
  await page.goto(pg.url);
  await walkPersonaInPage(page);
  await shareWithPerson(page, 'Morgan', ["What I'm rethinking"]);
  await viewAs(page, 'U0MANAGER');
  const shared = latestApp(page);
  await shared.getByRole('heading', { name: 'Staff or EM: a brief for our 1:1' }).waitFor(WAIT);
  // Tall enough for the whole brief, with the page around it: the conversation scrolls to it.
  const height = (await shared.boundingBox())?.height ?? 800;
  await page.setViewportSize({ width: LAPTOP.width, height: Math.ceil(height) + 320 });
  await shared.scrollIntoViewIfNeeded();
  await page.mouse.move(5, 5);
  await page.waitForTimeout(1_500); // let the "new" highlight fade
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await pg.stop();
}
