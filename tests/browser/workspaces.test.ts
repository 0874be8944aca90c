import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPlayground, hasChromium, SKIP_REASON, screenshotPath } from './support/browser.ts';
import { latestApp, type, WAIT, waitForStep } from './support/conversation.ts';

if (!hasChromium) console.warn(SKIP_REASON);

const CAREER_PATH = { hasText: 'Career Path' };

describe.skipIf(!hasChromium)('two workspaces in the playground', () => {
  const env = chromiumPlayground();

  const workspacePicker = (page: Page) => page.getByLabel('Workspace');
  const posts = (index: number) =>
    env.pg.workspaces[index]?.emulator.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === 'D0ALICE',
    ).length ?? 0;

  it('Globex’s Alice is not Acme’s: her own DM, people and bot token', async () => {
    const page = await env.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${env.pg.url}/`);
    await page.locator('#conv-title', CAREER_PATH).waitFor(WAIT);
    // npm start opens the first workspace.
    expect(await workspacePicker(page).inputValue()).toBe('T0ACME');
    expect(await workspacePicker(page).locator('option').allTextContents()).toEqual([
      'Acme',
      'Globex',
    ]);

    // Acme's Alice starts and answers step 1.
    await type(page, '/career-path');
    await waitForStep(page, 1);
    await latestApp(page).locator('.block-actions').first().getByRole('button').first().click();
    await waitForStep(page, 2);
    const acmePosts = posts(0);
    expect(acmePosts).toBeGreaterThan(0);
    expect(posts(1)).toBe(0);

    // Globex: the same user id, someone else. Her DM is empty and the people are Globex's.
    await workspacePicker(page).selectOption({ label: 'Globex' });
    await page.waitForURL(/\/w\/T0GLOBEX\/#\/U0ALICE$/, WAIT);
    await page.getByText('Nothing here yet').waitFor(WAIT);
    expect(await workspacePicker(page).inputValue()).toBe('T0GLOBEX');
    expect(await page.getByLabel('Viewing as').locator('option').allTextContents()).toEqual([
      'Alice',
      'Dana',
      'Rosa (manager)',
    ]);
    expect(await page.locator('#messages .message').count()).toBe(0);

    // She starts her own exchange: step 1, not Acme's step 2, sent by Globex's bot.
    await type(page, '/career-path');
    await waitForStep(page, 1);
    expect(await page.getByText('Step 2 of 10').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('10-globex-workspace') });
    // Each workspace's emulator accepts only its own token: Globex's answered these posts, and
    // Acme's saw none of them.
    expect(posts(1)).toBeGreaterThan(0);
    expect(posts(0)).toBe(acmePosts);

    // Back in Acme, Alice is where she left off.
    await workspacePicker(page).selectOption({ label: 'Acme' });
    await page.waitForURL((url) => url.pathname === '/', WAIT);
    await waitForStep(page, 2);

    // Bob works at Acme only: switching to Globex as Bob shows Globex's first person instead.
    await page.getByLabel('Viewing as').selectOption('U0BOB');
    await page.getByText('Nothing here yet').waitFor(WAIT);
    await workspacePicker(page).selectOption({ label: 'Globex' });
    await page.waitForURL(/\/w\/T0GLOBEX\/#\/U0ALICE$/, WAIT);
    await waitForStep(page, 1);
    expect(await page.locator('.toast-error').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
