import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPlayground, hasChromium, SKIP_REASON, screenshotPath } from './support/browser.ts';
import { type, WAIT } from './support/conversation.ts';

if (!hasChromium) console.warn(SKIP_REASON);

describe.skipIf(!hasChromium)('state the user can trust, in Chromium', () => {
  const env = chromiumPlayground();

  async function open(): Promise<Page & { errors: string[] }> {
    const page = (await env.context.newPage()) as Page & { errors: string[] };
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error.message));
    page.on('console', (m) => {
      if (m.type() === 'error') page.errors.push(m.text());
    });
    await page.goto(`${env.pg.url}/`);
    await page.locator('#conv-title', { hasText: 'Career Path' }).waitFor(WAIT);
    return page;
  }

  const cadenceMenu = (page: Page) =>
    page.locator('#home select').filter({ has: page.locator('option[value="weekly"]') });
  const shownLabel = (page: Page) => cadenceMenu(page).locator('option:checked').textContent();

  it('the Home cadence menu shows what a command set, and Off after Forget me', async () => {
    const page = await open();
    const toHome = () => page.getByRole('link', { name: 'Home' }).click();
    const toDm = () =>
      page
        .getByRole('link', { name: /Career Path/ })
        .first()
        .click();
    await toHome();
    await cadenceMenu(page).waitFor(WAIT);
    expect(await shownLabel(page)).toBe('Off');

    await toDm();
    await type(page, '/career-path checkin weekly');
    await page.locator('#messages .message.ephemeral', { hasText: 'every week' }).waitFor(WAIT);
    await toHome();
    await page.locator('#home', { hasText: 'every week' }).waitFor(WAIT);
    await expect.poll(() => shownLabel(page), WAIT).toMatch(/^Weekly/);
    await page.screenshot({ path: screenshotPath('20-home-cadence-weekly') });

    await page.locator('#home').getByRole('button', { name: 'Forget me' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete it all' }).click();
    await page.locator('#home', { hasText: 'I deleted everything' }).waitFor(WAIT);
    await expect.poll(() => shownLabel(page), WAIT).toBe('Off');
    await page.screenshot({ path: screenshotPath('21-home-cadence-forgotten') });
    expect(page.errors).toEqual([]);
  });
});
