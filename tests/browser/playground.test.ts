import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPlayground, hasChromium, SKIP_REASON, screenshotPath } from './support/browser.ts';
import {
  finish,
  latestApp,
  type,
  WAIT,
  waitForStep,
  waitForSummary,
} from './support/conversation.ts';

if (!hasChromium) console.warn(SKIP_REASON);

const PHONE = { width: 390, height: 844 };
const XSS = '<img src=x onerror="window.__xss=1"> & <b>not bold</b>';

/** Runs in the page: renders a mrkdwn sample and some Block Kit the app does not send. */
const RENDER_SAMPLES = `(async () => {
  const { renderMrkdwn } = await import('/page/mrkdwn.js');
  const { renderBlocks } = await import('/page/blocks.js');
  const ctx = {
    me: 'U0ALICE',
    userName: (id) => ({ U0ALICE: 'Alice', U0MANAGER: 'Morgan' })[id],
    channelInfo: (id) =>
      id === 'C0ENGLEADS' ? { label: '#eng-leads', href: '#/U0ALICE/C0ENGLEADS' } : null,
  };
  const text = [
    '*bold* _italic_ ~gone~ \`a <b> code\` 2*3*4',
    '<https://example.com/a?b=1|a link> <javascript:alert(1)|not a link> <@U0MANAGER> <#C0ENGLEADS>',
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; done',
    '> quoted *line*',
    '• first item',
    '1. numbered',
    '\`\`\`',
    'pre *not bold*',
    '\`\`\`',
  ].join('\\n');
  const plain = (t) => ({ type: 'plain_text', text: t });
  const blocks = renderBlocks(
    [
      {
        type: 'section',
        block_id: 's',
        fields: [{ type: 'mrkdwn', text: '*Field*' }, plain('plain <i>')],
        accessory: { type: 'overflow', action_id: 'o', options: [{ text: plain('Edit'), value: 'e' }] },
      },
      { type: 'video', block_id: 'v' },
      {
        type: 'actions',
        block_id: 'a',
        elements: [
          { type: 'radio_buttons', action_id: 'r', options: [{ text: plain('One'), value: '1' }] },
          { type: 'workflow_button', action_id: 'w' },
        ],
      },
    ],
    { ...ctx, surface: 'message', state: {}, users: [], channels: [], onClick() {}, onChange() {} },
  );
  const holder = document.createElement('div');
  holder.append(renderMrkdwn(text, ctx), blocks);
  return holder.innerHTML;
})()`;

describe.skipIf(!hasChromium)('the playground page in Chromium', () => {
  const env = chromiumPlayground();

  async function open(hash = ''): Promise<Page> {
    const page = await env.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    (page as Page & { errors: string[] }).errors = errors;
    await page.goto(`${env.pg.url}/${hash}`);
    await page.locator('#conv-title', { hasText: /Career Path|#/ }).waitFor(WAIT);
    return page;
  }

  it('a whole exchange by clicking: Back, a free-text step, reload, confirm, and the brief', async () => {
    const page = await open();
    await page.getByText('Nothing here yet').waitFor(WAIT);
    await type(page, '/career-path');
    await waitForStep(page, 1);
    const answers = latestApp(page).locator('.block-actions').first().getByRole('button');
    await answers.nth(1).click();
    await waitForStep(page, 2);
    await page.screenshot({ path: screenshotPath('01-exchange-step') });

    // Back: step 1 again, with the earlier answer marked.
    await latestApp(page).getByRole('button', { name: '← Back' }).click();
    await waitForStep(page, 1);
    await expect(answers.nth(1).getAttribute('class')).resolves.toContain('btn-primary');
    await answers.nth(1).click();
    await waitForStep(page, 2);

    // A reload rebuilds the conversation from the server.
    await page.reload();
    await waitForStep(page, 2);

    await finish(page, [`${XSS} *still private*`, 'I want you to know I enjoy mentoring.'], () =>
      page.screenshot({ path: screenshotPath('02-text-modal') }),
    );
    await page.screenshot({ path: screenshotPath('03-summary') });
    const brief = latestApp(page);
    // The person's words are shown as text, never run as HTML.
    await brief.locator('blockquote', { hasText: '<img src=x onerror=' }).waitFor(WAIT);
    await brief.getByText('I want you to know I enjoy mentoring.').waitFor(WAIT);
    expect(await page.locator('#messages img, #messages b').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    // What they typed in the DM shows as their own message.
    await page
      .locator('#messages .message[data-from="person"]', {
        hasText: 'I want you to know I enjoy mentoring.',
      })
      .waitFor(WAIT);

    // "Start over" asks first; keeping the answers changes nothing.
    await brief.getByRole('button', { name: 'Start over' }).click();
    const confirm = page.getByRole('dialog', { name: 'Start over?' });
    await confirm.waitFor(WAIT);
    await confirm.getByRole('button', { name: 'Keep my answers' }).click();
    await confirm.waitFor({ ...WAIT, state: 'hidden' });
    await waitForSummary(page);

    // The summary's "Change an answer" menu (a static_select) reopens one step.
    await brief.getByRole('combobox', { name: /change an answer/i }).selectOption({ index: 1 });
    await latestApp(page).filter({ hasText: 'Changing one answer' }).waitFor(WAIT);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
  });

  it('a stale click changes nothing and shows a notice only the clicker sees', async () => {
    const page = await open();
    await type(page, '/career-path');
    await waitForStep(page, 1);
    const first = page.locator('#messages .message[data-from="app"]').first();
    await first.locator('.block-actions').first().getByRole('button').first().click();
    await waitForStep(page, 2);
    // A reset collapses the older copy ("moved below"); when Slack refuses that update, the old
    // buttons stay, and a click on them must still change nothing.
    env.pg.emulator.failNext('chat.update', 'cant_update_message');
    await type(page, '/career-path reset');
    await waitForStep(page, 1);
    // The first message still shows step 2 of the run that was just reset.
    await first.filter({ hasText: 'Step 2 of 10' }).waitFor(WAIT);
    await first.locator('.block-actions').first().getByRole('button').first().click();
    const notice = page.locator('#messages .message.ephemeral', {
      hasText: 'That button is from an earlier step',
    });
    await notice.waitFor(WAIT);
    await notice.getByText('Only visible to you').waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('06-stale-notice') });
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ ...WAIT, state: 'detached' });
    // Nothing moved: the current message is still at step 1.
    await waitForStep(page, 1);

    // Bob does not see Alice's notice (nor her DM).
    await page.getByLabel('Viewing as').selectOption('U0BOB');
    await page.getByText('Nothing here yet').waitFor(WAIT);
    expect(await page.locator('#messages .message').count()).toBe(0);
  });

  it('shares to #eng-leads with a section left out; Bob sees it there but has his own state', async () => {
    const page = await open();
    await type(page, '/career-path');
    await waitForStep(page, 1);
    await finish(page, ['The cache stampede.', 'More mentoring.']);
    await latestApp(page).getByRole('button', { name: 'Share…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share your brief' });
    await dialog.waitFor(WAIT);
    const preview = (title: string) => dialog.locator('.block-section strong', { hasText: title });
    expect(await preview('What I want to talk about').count()).toBe(1);
    await dialog.getByLabel('Share in a channel').selectOption({ label: '#eng-leads' });
    await dialog.getByRole('checkbox', { name: 'What I want to talk about' }).uncheck();
    // The app redraws the preview without the section (views.update), keeping the choices.
    await preview('What I want to talk about').waitFor({ ...WAIT, state: 'detached' });
    expect(await dialog.getByLabel('Share in a channel').inputValue()).toBe('C0ENGLEADS');
    await page.screenshot({ path: screenshotPath('04-share-modal') });
    // A reload brings the open modal back as it was: the form lives on the server, not the page.
    await page.reload();
    await dialog.waitFor(WAIT);
    expect(await dialog.getByLabel('Share in a channel').inputValue()).toBe('C0ENGLEADS');
    expect(
      await dialog.getByRole('checkbox', { name: 'What I want to talk about' }).isChecked(),
    ).toBe(false);
    expect(await preview('What I want to talk about').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.getByText('Shared ✓').waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ ...WAIT, state: 'hidden' });

    const engLeads = page.getByRole('link', { name: /eng-leads/ });
    await engLeads.locator('.badge').waitFor(WAIT);
    await engLeads.click();
    const shared = latestApp(page);
    await shared.getByRole('heading', { name: 'Staff or EM: a brief for our 1:1' }).waitFor(WAIT);
    await shared.getByText('@Alice').waitFor(WAIT);
    expect(await shared.getByText('What I want to talk about').count()).toBe(0);
    expect(await shared.getByText('Why', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('05-eng-leads') });

    // Bob: sees the shared brief in the channel, but his DM is his own and starts at step 1.
    await page.getByLabel('Viewing as').selectOption('U0BOB');
    await page.locator('#conv-title', { hasText: 'eng-leads' }).waitFor(WAIT);
    await latestApp(page)
      .getByRole('heading', { name: 'Staff or EM: a brief for our 1:1' })
      .waitFor(WAIT);
    await page.getByRole('link', { name: 'Career Path' }).click();
    await page.getByText('Nothing here yet').waitFor(WAIT);
    await type(page, 'start');
    await waitForStep(page, 1);
    await page.screenshot({ path: screenshotPath('07-bob') });

    // Alice's brief is untouched by Bob's start.
    await page.getByLabel('Viewing as').selectOption('U0ALICE');
    await waitForSummary(page);
  });

  it('works from the keyboard: Enter answers, focus follows the conversation, Escape closes', async () => {
    const page = await open();
    const focusedIn = () =>
      page.evaluate<string>(
        `(() => { const a = document.activeElement; const m = a.closest('.message');
          return (m ? 'message ' + m.dataset.from + ': ' : '') + a.tagName + ' ' + a.textContent; })()`,
      );
    await page.keyboard.type('/career-path');
    await page.keyboard.press('Enter');
    await waitForStep(page, 1);
    await latestApp(page).locator('.block-actions').first().getByRole('button').first().focus();
    await page.keyboard.press('Enter');
    await waitForStep(page, 2);
    expect(await focusedIn()).toMatch(/^message app: BUTTON /);
    await page.keyboard.press('Enter');
    await waitForStep(page, 3);
    expect(await focusedIn()).toBe('message app: BUTTON Write a sentence');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor(WAIT);
    expect(await focusedIn()).toBe('TEXTAREA ');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ ...WAIT, state: 'hidden' });
    expect(await focusedIn()).toBe('message app: BUTTON Write a sentence');
    await page.keyboard.press('Enter');
    await dialog.waitFor(WAIT);
    await page.keyboard.type('Typed without a mouse.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedIn()).toBe('BUTTON Save');
    await page.keyboard.press('Enter');
    await waitForStep(page, 4);
    expect(await focusedIn()).toMatch(/^message app: BUTTON /);
  });

  it('the App Home tab shows where the person stands, and its button works', async () => {
    const page = await open('#/U0ALICE/home');
    const home = page.locator('#home');
    await home
      .getByRole('heading', { name: 'Staff Engineer or Engineering Manager?' })
      .waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('09-home') });
    await home.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('link', { name: 'Messages' }).click();
    await waitForStep(page, 1);
    await page.getByRole('link', { name: 'Home' }).click();
    await home.getByText('In progress.').waitFor(WAIT);
  });

  it('at phone width the sidebar folds into a menu and a modal still fits', async () => {
    await env.context.close();
    env.context = await env.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await open();
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
    await type(page, '/career-path');
    await waitForStep(page, 1);
    await page.screenshot({ path: screenshotPath('08-phone') });
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('button', { name: 'Conversations' }).click();
    await page.getByRole('link', { name: /general/ }).click();
    await page.locator('#conv-title', { hasText: 'general' }).waitFor(WAIT);
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
  });

  it('renders mrkdwn and unknown Block Kit safely', async () => {
    const page = await open();
    // Passed as a string: the test runner would otherwise rewrite the dynamic imports.
    const html = await page.evaluate<string>(RENDER_SAMPLES);
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toContain('<s>gone</s>');
    expect(html).toContain('<code>a &lt;b&gt; code</code>');
    expect(html).toContain('2*3*4');
    expect(html).toMatch(/<a class="link" href="https:\/\/example.com\/a\?b=1"[^>]*>a link<\/a>/);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('not a link');
    expect(html).toContain('@Morgan');
    expect(html).toContain('href="#/U0ALICE/C0ENGLEADS">#eng-leads</a>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; done');
    expect(html).not.toContain('<script');
    expect(html).toMatch(
      /<blockquote><div class="line">quoted <strong>line<\/strong><\/div><\/blockquote>/,
    );
    expect(html).toContain('<div class="line list-item">• first item</div>');
    expect(html).toContain('<div class="line list-item">1. numbered</div>');
    expect(html).toContain('<pre>pre *not bold*</pre>');
    expect(html).toContain('plain &lt;i&gt;');
    expect(html).toContain('aria-label="More actions"');
    expect(html).toContain('Not shown in the playground: block “video”');
    expect(html).toContain('Not shown in the playground: element “workflow_button”');
    expect(html).toContain('type="radio"');
  });
});
