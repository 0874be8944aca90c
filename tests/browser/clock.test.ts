import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPlayground, hasChromium, SKIP_REASON, screenshotPath } from './support/browser.ts';
import { finish, latestApp, type, WAIT, waitForStep } from './support/conversation.ts';

if (!hasChromium) console.warn(SKIP_REASON);

describe.skipIf(!hasChromium)('the playground clock in Chromium', () => {
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

  const clock = (page: Page) => page.getByRole('region', { name: 'Playground clock' });

  it('opt in, move the clock a week, answer the check-in in the DM, see the trend on Home', async () => {
    const page = await open();
    const control = clock(page);
    await control.getByText("Alice's time zone: Europe/London").waitFor(WAIT);
    await control.getByText('Alice has no check-ins on').waitFor(WAIT);
    const toNext = control.getByRole('button', { name: 'To the next check-in' });
    expect(await toNext.isVisible()).toBe(false);
    const startedAt = await page.locator('#clock-now').getAttribute('datetime');

    // A brief first: its lean is the first point of "how my thinking moved".
    await type(page, '/career-path');
    await waitForStep(page, 1);
    await finish(page, ['The migration I led.', 'More mentoring.']);

    // Opt in from the summary (every other week), then make it weekly from the composer.
    await latestApp(page).getByRole('button', { name: 'Check in with me' }).click();
    await page
      .locator('#messages .message.ephemeral', { hasText: 'every other week' })
      .waitFor(WAIT);
    await control.getByText("Alice's next check-in:").waitFor(WAIT);
    await toNext.waitFor(WAIT);
    await type(page, '/career-path checkin weekly');
    await page.locator('#messages .message.ephemeral', { hasText: 'every week' }).waitFor(WAIT);
    const nextBefore = await page.locator('#clock-next').textContent();

    // +1 week, from the keyboard: the check-in falls due and arrives through the page's event
    // stream, marked as a new day.
    const checkins = page.locator('#messages .message[data-from="app"]', {
      hasText: 'What has changed since we last talked?',
    });
    expect(await checkins.count()).toBe(0);
    await control.getByRole('button', { name: '+1 week' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#toasts', { hasText: 'Moved the clock forward 1 week' }).waitFor(WAIT);
    const checkin = checkins.last();
    await checkin.waitFor(WAIT);
    await checkin.locator('.day-divider').waitFor(WAIT);
    expect(await checkins.count()).toBe(1);
    const movedTo = await page.locator('#clock-now').getAttribute('datetime');
    expect(Date.parse(movedTo ?? '') - Date.parse(startedAt ?? '')).toBeGreaterThanOrEqual(
      7 * 86_400_000,
    );
    // The next check-in moved on a week.
    await expect.poll(() => page.locator('#clock-next').textContent(), WAIT).not.toBe(nextBefore);

    // Answer it: each click is saved and marked, and the thanks shows once all three are in.
    for (const label of [
      'Not much, honestly',
      'Helping people and the team',
      'Either would suit me',
    ]) {
      await checkin.getByRole('button', { name: label }).click();
      await expect
        .poll(() => checkin.getByRole('button', { name: label }).getAttribute('class'), WAIT)
        .toContain('btn-primary');
    }
    await checkin.getByText('Saved. Thanks for taking a minute.').waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('10-checkin') });

    // Home: the check-in and the trend it made.
    await page.getByRole('link', { name: 'Home' }).click();
    const home = page.locator('#home');
    await home.getByText('How my thinking moved:').waitFor(WAIT);
    await home.getByText(/→ .*could do either/).waitFor(WAIT);
    await home.getByText('Recent check-ins').waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('11-home-checkins') });

    // Bob has his own zone and no check-ins.
    await page.getByLabel('Viewing as').selectOption('U0BOB');
    await control.getByText("Bob's time zone: America/New York").waitFor(WAIT);
    await control.getByText('Bob has no check-ins on').waitFor(WAIT);
    expect(page.errors).toEqual([]);
  });
});
