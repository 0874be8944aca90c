import { describe, expect, it } from 'vitest';
import { chromiumPlayground, hasChromium, SKIP_REASON, screenshotPath } from './support/browser.ts';
import { latestApp, WAIT } from './support/conversation.ts';
import { shareWithPerson, viewAs, walkPersonaInPage } from './support/share-and-answer.ts';

if (!hasChromium) console.warn(SKIP_REASON);

describe.skipIf(!hasChromium)('sharing a brief and answering it, in Chromium', () => {
  const env = chromiumPlayground();

  it('Alice shares with Morgan; Morgan presses "Let’s talk"; only Alice hears it', async () => {
    const page = await env.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${env.pg.url}/`);
    await walkPersonaInPage(page);
    await shareWithPerson(page, 'Morgan', ["What I'm rethinking"]);

    // Morgan, in his DM with the app: the brief, dated, her situation first, and a way to answer.
    await viewAs(page, 'U0MANAGER');
    const shared = latestApp(page);
    await shared.getByRole('heading', { name: 'Staff or EM: a brief for our 1:1' }).waitFor(WAIT);
    await shared.getByText(/Written .* by @Alice/).waitFor(WAIT);
    await shared.getByText('Only the management track is a real role').first().waitFor(WAIT);
    expect(await shared.getByText("What I'm rethinking").count()).toBe(0);
    await page.screenshot({ path: screenshotPath('08-shared-brief') });
    await shared.getByRole('button', { name: "Let's talk about this in our 1:1" }).click();
    await page
      .locator('#messages .message.ephemeral', { hasText: 'Sent. @Alice knows' })
      .waitFor(WAIT);
    // Morgan's DM gained nothing but his own note.
    await expect(latestApp(page).textContent()).resolves.toContain('Staff or EM');

    // Alice: the answer is in her DM.
    await viewAs(page, 'U0ALICE');
    await latestApp(page)
      .getByText('@Morgan would like to talk about your brief in your next 1:1.')
      .waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('09-answer-in-dm') });

    // Bob, who was not sent it, sees nothing of it.
    await viewAs(page, 'U0BOB');
    await page.locator('#conv-title', { hasText: 'Career Path' }).waitFor(WAIT);
    const bobSees = (await page.locator('#messages').textContent()) ?? '';
    expect(bobSees).not.toContain('Staff or EM');
    expect(bobSees).not.toContain('would like to talk');
    expect(errors).toEqual([]);
  });
});
