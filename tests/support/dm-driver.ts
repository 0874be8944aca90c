import type { ApiCall, SlackEmulator, StoredMessage } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';

type Element = {
  type?: string;
  action_id?: string;
  value?: string;
  text?: { text: string };
  options?: { value: string; text: { text: string } }[];
};
type Block = {
  type: string;
  block_id?: string;
  elements?: Element[];
  accessory?: Element;
  text?: { text: string };
};

/** A call that replaced a message the bot had posted. */
export function isReplacement(call: ApiCall): boolean {
  if (call.method === 'chat.update') return call.ok;
  return call.method === 'response_url' && call.ok && call.args.replace_original === true;
}

/** Drives one pretend user through the DM the way a person would: read the newest message, click. */
export class DmDriver {
  constructor(
    readonly emu: SlackEmulator,
    readonly user: string,
  ) {}

  /** The newest message the bot posted in the DM that only this user's DM shows (not ephemeral). */
  latest(): StoredMessage {
    const last = this.emu
      .dm(this.user)
      .filter((m) => m.bot_id && !m.deleted && !m.ephemeralFor)
      .at(-1);
    if (!last) throw new Error(`no bot message in ${this.user}'s DM`);
    return last;
  }

  blocks(message = this.latest()): Block[] {
    return (this.emu.findMessage(message.ts)?.blocks ?? []) as Block[];
  }

  /** Every string a user would read in the message, joined. */
  read(message = this.latest()): string {
    const m = this.emu.findMessage(message.ts);
    return `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;
  }

  isSummary(): boolean {
    return this.read().includes('Your brief for the next 1:1');
  }

  element(actionId: string | RegExp, message = this.latest()): Element {
    for (const block of this.blocks(message)) {
      for (const e of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) {
        if (
          e.action_id &&
          (typeof actionId === 'string' ? e.action_id === actionId : actionId.test(e.action_id))
        )
          return e;
      }
    }
    throw new Error(`no ${actionId} in: ${this.read(message).slice(0, 400)}`);
  }

  answerButtons(message = this.latest()): Element[] {
    return this.blocks(message).find((b) => b.block_id === 'answer')?.elements ?? [];
  }

  /** Runs an interaction and waits for the Web API call it should cause. */
  async expectCall(action: () => Promise<unknown>, method: string) {
    const from = this.emu.calls.length;
    await action();
    return this.emu.waitForCall(method, undefined, 3_000, from);
  }

  /**
   * Runs an interaction and waits for a message to be replaced: through the click's
   * response_url (how the bot answers a click) or chat.update (after a modal, or as the fallback).
   */
  async expectUpdate(action: () => Promise<unknown>) {
    const from = this.emu.calls.length;
    await action();
    return this.emu.waitFor(
      () => this.emu.calls.find((c) => c.seq >= from && isReplacement(c)),
      3_000,
      () => `no message replaced; calls: ${this.emu.calls.map((c) => c.method).join(', ')}`,
    );
  }

  click(actionId: string, message = this.latest()) {
    return this.emu.clickButton({ user: this.user, messageTs: message.ts, actionId });
  }

  /** Clicks the button a person reads as `label` on `message`, from the block it sits in. */
  clickLabel(label: string, message = this.latest()) {
    for (const block of this.blocks(message)) {
      const button = block.elements?.find((e) => e.text?.text === label);
      if (button?.action_id) {
        return this.emu.clickButton({
          user: this.user,
          messageTs: message.ts,
          actionId: button.action_id,
          blockId: block.block_id as string,
        });
      }
    }
    throw new Error(`no "${label}" in: ${this.read(message).slice(0, 400)}`);
  }

  /** Every check-in the bot posted to this user's DM, in order, as each reads now. */
  checkins(): StoredMessage[] {
    const sent = new Set(
      this.emu
        .callsTo('chat.postMessage')
        .filter((c) => c.ok && JSON.stringify(c.args).includes('career.checkin.answer'))
        .map((c) => (c.response as { ts?: string } | undefined)?.ts),
    );
    return this.emu.dm(this.user).filter((m) => sent.has(m.ts));
  }

  /** Picks the option with this label (or index) on the current choice step. */
  async choose(which: number | string, message = this.latest()) {
    const buttons = this.answerButtons(message);
    const button =
      typeof which === 'number' ? buttons[which] : buttons.find((b) => b.text?.text === which);
    if (!button?.action_id)
      throw new Error(`no answer ${which} in: ${this.read(message).slice(0, 400)}`);
    return this.expectUpdate(() => this.click(button.action_id as string, message));
  }

  isTextStep(message = this.latest()): boolean {
    return this.answerButtons(message).some((b) => b.action_id === ACTION.textOpen);
  }

  /** Answers a free-text step through its modal. */
  async writeInModal(text: string) {
    const message = this.latest();
    await this.expectCall(() => this.click(ACTION.textOpen, message), 'views.open');
    return this.expectUpdate(() =>
      this.emu.submitView({ user: this.user, values: { 'words.input': text } }),
    );
  }

  /** Answers a free-text step by replying in the DM. */
  replyInDm(text: string) {
    return this.expectCall(() => this.emu.sendDm({ user: this.user, text }), 'chat.postMessage');
  }

  /** Answers every remaining step: choice `pick` (index), text steps via modal then DM. */
  async finish(
    options: {
      pick?: (stepIndex: number) => number;
      words?: string[];
      /** Every text step through its modal (default: the modal, then a DM reply, in turn). */
      textVia?: 'modal';
    } = {},
  ) {
    const words = [
      ...(options.words ?? [
        'I kept thinking about the cache stampede.',
        'I want to keep growing.',
      ]),
    ];
    for (let i = 0; i < 30 && !this.isSummary(); i += 1) {
      if (this.isTextStep()) {
        const text = words.shift() ?? 'A sentence.';
        if (options.textVia === 'modal' || words.length % 2 === 1) await this.writeInModal(text);
        else await this.replyInDm(text);
      } else {
        await this.choose(options.pick?.(i) ?? 0);
      }
    }
    if (!this.isSummary()) throw new Error('did not reach the summary');
  }
}
