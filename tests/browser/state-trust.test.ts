import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPlayground, hasChromium, SKIP_REASON, screenshotPath } from './support/browser.ts';
import { finish, latestApp, type, WAIT, waitForStep } from './support/conversation.ts';

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

  it('the share dialog: says where it goes, switches to a person, and clears', async () => {
    const page = await open();
    await type(page, '/career-path');
    await waitForStep(page, 1);
    await finish(page, ['The cache stampede.', 'More mentoring.']);
    await latestApp(page).getByRole('button', { name: 'Share…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share your brief' });
    await dialog.waitFor(WAIT);
    const channel = dialog.getByLabel('Share in a channel');
    const person = dialog.getByLabel('Or send to a person');

    await channel.selectOption({ label: '#random' });
    await dialog.getByText('It will go to').waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('22-share-to-channel') });

    // A person after a channel: the channel pick goes, nothing to untangle.
    await person.selectOption({ label: 'Morgan' });
    await dialog.getByText('It will go to').waitFor(WAIT);
    await expect.poll(() => channel.inputValue(), WAIT).toBe('');
    expect(await person.inputValue()).toBe('U0MANAGER');
    await page.screenshot({ path: screenshotPath('23-share-to-person') });

    await dialog.getByRole('button', { name: 'Clear my pick' }).click();
    await expect.poll(() => person.inputValue(), WAIT).toBe('');
    expect(await channel.inputValue()).toBe('');
    expect(page.errors).toEqual([]);
  });

  it('shows what Slack would: emoji for shortcodes, and a person’s message as they typed it', async () => {
    const page = await open();
    await type(page, 'R&D <3 the cache work, ask <@U0MANAGER> > later');
    const mine = page.locator('#messages .message[data-from="person"]').last();
    await mine.waitFor(WAIT);
    expect((await mine.locator('.message-body').textContent())?.trim()).toBe(
      // Typed, not picked from the composer's list, `<@U…>` is text in Slack too.
      'R&D <3 the cache work, ask <@U0MANAGER> > later',
    );
    await page.getByRole('link', { name: 'Home' }).click();
    await page.locator('#home').getByRole('button', { name: 'Forget me' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete it all' }).click();
    const done = page.locator('#home', { hasText: 'I deleted everything' });
    await done.waitFor(WAIT);
    expect(await done.textContent()).toContain('🗑️');
    expect(await done.textContent()).not.toContain(':wastebasket:');
    expect(page.errors).toEqual([]);
  });

  it('a multi-week check-in run: last time shown, Saved per answer, and no pile-up after a gap', async () => {
    const page = await open();
    const control = page.getByRole('region', { name: 'Playground clock' });
    await type(page, '/career-path');
    await waitForStep(page, 1);
    await finish(page, ['The migration I led.', 'More mentoring.']);
    await type(page, '/career-path checkin weekly');
    await page.locator('#messages .message.ephemeral', { hasText: 'every week' }).waitFor(WAIT);
    // A check-in, open or collapsed (its footer, or the line it collapses to).
    const checkins = page.locator('#messages .message[data-from="app"]', {
      hasText: /Check-in for .*Only you see this|a newer check-in replaced this one/,
    });
    const week = async (n: number) => {
      await control.getByRole('button', { name: '+1 week' }).click();
      await expect.poll(() => checkins.count(), WAIT).toBe(n);
    };

    await week(1);
    const first = checkins.last();
    await first
      .getByText(/Last time \(.*\): could do either|Last time \(.*\): leaning/)
      .waitFor(WAIT);
    await first.getByText('Snooze until…').waitFor(WAIT);
    await first.getByRole('button', { name: 'Not much, honestly' }).click();
    await first.getByText('Saved. 2 more questions above, all optional.').waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('24-checkin-saved') });

    // Two weeks unanswered: each new check-in replaces the one before.
    await week(2);
    await week(3);
    await checkins
      .nth(1)
      .getByText('a newer check-in replaced this one', { exact: false })
      .waitFor(WAIT);
    const withButtons = checkins.filter({
      has: page.getByRole('button', { name: 'Not much, honestly' }),
    });
    // The first (answered once) stays editable; of the unanswered ones only the newest is open.
    expect(await withButtons.count()).toBe(2);
    await page.screenshot({ path: screenshotPath('25-checkins-after-gap') });
    expect(page.errors).toEqual([]);
  });
});
