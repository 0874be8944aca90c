import type { Locator, Page } from 'playwright-core';

export const WAIT = { timeout: 5_000 };

/** The newest message from the app that everyone in the conversation sees. */
export const latestApp = (page: Page): Locator =>
  page.locator('#messages .message[data-from="app"]:not(.ephemeral)').last();

/** Types into the composer and sends it with Enter. */
export async function type(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

export async function waitForStep(page: Page, step: number): Promise<void> {
  await latestApp(page)
    .filter({ hasText: `Step ${step} of 10` })
    .filter({ has: page.getByRole('button', { name: 'Stop for now' }) })
    .waitFor(WAIT);
}

export async function waitForSummary(page: Page): Promise<void> {
  await latestApp(page).getByRole('heading', { name: 'Your brief for the next 1:1' }).waitFor(WAIT);
}

async function currentStep(page: Page): Promise<number | 'summary'> {
  const text = (await latestApp(page).textContent()) ?? '';
  if (text.includes('Your brief for the next 1:1')) return 'summary';
  return Number(/Step (\d+) of 10/.exec(text)?.[1]);
}

/**
 * Answers every remaining step by clicking: the first option of each choice; the first text
 * step in its modal, the next by replying in the DM. `onTextModal` runs with the modal filled in.
 */
export async function finish(
  page: Page,
  words: string[],
  onTextModal?: () => Promise<unknown>,
): Promise<void> {
  let textSteps = 0;
  for (let guard = 0; guard < 20; guard += 1) {
    const step = await currentStep(page);
    if (step === 'summary') return;
    const message = latestApp(page);
    const write = message.getByRole('button', { name: 'Write a sentence' });
    if ((await write.count()) > 0) {
      const text = words[textSteps] ?? 'A sentence.';
      if (textSteps % 2 === 0) {
        await write.click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor(WAIT);
        await dialog.getByRole('textbox').fill(text);
        await onTextModal?.();
        await dialog.getByRole('button', { name: 'Save' }).click();
        await dialog.waitFor({ ...WAIT, state: 'hidden' });
      } else {
        await type(page, text);
      }
      textSteps += 1;
    } else {
      const select = message.locator('.block-actions select');
      if ((await select.count()) > 0) await select.first().selectOption({ index: 1 });
      else await message.locator('.block-actions').first().getByRole('button').first().click();
    }
    if (step === 10) await waitForSummary(page);
    else await waitForStep(page, step + 1);
  }
  throw new Error('did not reach the summary');
}
