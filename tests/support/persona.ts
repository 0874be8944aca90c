import type { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { DmDriver } from './dm-driver.ts';

/**
 * The "Done when" persona: only the EM track is real where she works, and her answers lean
 * strongly to staff (with two beliefs about staff work she is rethinking).
 */
export const EM_ONLY_STRONG_STAFF = {
  choices: [
    'Only the EM track really exists here',
    'Chasing a failure across services, or shaping a fast, clean data model',
    'Staff is senior coding with more scope, and fewer meetings',
    "I'd want something I can point to, like a design, a fix, a system",
    'Losing my hands-on technical edge for good',
    'I set the technical direction of a big system across teams',
    "A great staff engineer who'd be an average manager",
    'A stretch project that tests the fit',
  ],
  words: [
    'The week I traced a p99 spike through four services to one retry loop.',
    'I want to find out if there is a path past senior here that is not management.',
  ],
};

/** Walks `user` through the real bot from `/career-path` to the brief, answering as `persona`. */
export async function walkPersona(
  emu: SlackEmulator,
  user: string,
  persona: { choices: string[]; words: string[] } = EM_ONLY_STRONG_STAFF,
): Promise<DmDriver> {
  const driver = new DmDriver(emu, user);
  await driver.expectCall(
    () => emu.sendCommand({ user, channel: 'C0GENERAL', text: '' }),
    'chat.postMessage',
  );
  const choices = [...persona.choices];
  const words = [...persona.words];
  for (let i = 0; i < 30 && !driver.isSummary(); i += 1) {
    if (driver.isTextStep()) await driver.writeInModal(words.shift() ?? 'A sentence.');
    else {
      const label = choices.shift();
      if (!label) throw new Error(`ran out of answers at: ${driver.read().slice(0, 300)}`);
      await driver.choose(label);
    }
  }
  if (!driver.isSummary()) throw new Error('did not reach the brief');
  return driver;
}

/** Opens Share… on the brief and sends it to `to` (a person or channel), with these sections. */
export async function shareBrief(
  driver: DmDriver,
  values: Record<string, string | string[]>,
  summary = driver.latest(),
): Promise<void> {
  await driver.expectCall(() => driver.click(ACTION.shareOpen, summary), 'views.open');
  await driver.expectCall(
    () => driver.emu.submitView({ user: driver.user, values }),
    'views.update',
  );
}
