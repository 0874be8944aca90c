import type { Page } from 'playwright-core';
import { EM_ONLY_STRONG_STAFF } from '../../support/persona.ts';
import { latestApp, type, WAIT, waitForSummary } from './conversation.ts';

/** Answers the exchange by clicking the persona's labels, writing its words in the modal. */
export async function walkPersonaInPage(
  page: Page,
  persona: { choices: string[]; words: string[] } = EM_ONLY_STRONG_STAFF,
): Promise<void> {
  await type(page, '/career-path');
  const choices = [...persona.choices];
  const words = [...persona.words];
  for (let step = 1; step <= 10; step += 1) {
    const message = latestApp(page).filter({ hasText: `Step ${step} of 10` });
    await message.waitFor(WAIT);
    const write = message.getByRole('button', { name: 'Write a sentence' });
    if ((await write.count()) > 0) {
      await write.click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor(WAIT);
      await dialog.getByRole('textbox').fill(words.shift() ?? 'A sentence.');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ ...WAIT, state: 'hidden' });
    } else {
      const label = choices.shift() ?? '';
      await message.getByRole('button', { name: label, exact: true }).click();
    }
  }
  await waitForSummary(page);
}

/** From the brief: Share… with one person, leaving out the sections named. */
export async function shareWithPerson(
  page: Page,
  person: string,
  leaveOut: readonly string[],
): Promise<void> {
  await latestApp(page).getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share your brief' });
  await dialog.waitFor(WAIT);
  await dialog.getByLabel('Or send to a person').selectOption({ label: person });
  for (const title of leaveOut) {
    await dialog.getByRole('checkbox', { name: title }).uncheck();
    await dialog
      .locator('.block-section strong', { hasText: title })
      .waitFor({ ...WAIT, state: 'detached' });
  }
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByText('Shared ✓').waitFor(WAIT);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ ...WAIT, state: 'hidden' });
}

/** Switches the page to another person, in their DM with the app. */
export async function viewAs(page: Page, userId: string): Promise<void> {
  await page.getByLabel('Viewing as').selectOption(userId);
  await page.getByRole('link', { name: 'Career Path' }).click();
  await page.locator('#conv-title', { hasText: 'Career Path' }).waitFor(WAIT);
}
