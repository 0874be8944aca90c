import { CALLBACK, decodeModalMetadata } from '../../render/action-ids.ts';
import { renderShareStatusModal, TEXT_INPUT } from '../../render/modals.ts';
import type { SlackDeps } from '../deps.ts';
import type { ExchangeService, UserContext } from '../exchange-service.ts';
import { userOf } from '../interaction.ts';
import type { ListenerRegistry } from '../listener-router.ts';
import { readShareForm, type ShareFlow } from '../share-flow.ts';

export function registerViews(
  app: ListenerRegistry,
  deps: SlackDeps,
  exchange: ExchangeService,
  share: ShareFlow,
): void {
  app.view(CALLBACK.textModal, async ({ ack, body, view, client }) => {
    const meta = decodeModalMetadata(view.private_metadata);
    const raw = view.state.values[TEXT_INPUT.block]?.[TEXT_INPUT.action]?.value;
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!meta?.channel || !meta.ts) {
      await ack();
      deps.logger.warn('text modal submitted without valid metadata');
      return;
    }
    if (text === '') {
      await ack({
        response_action: 'errors',
        errors: { [TEXT_INPUT.block]: 'Write a sentence, or close this and press Skip.' },
      });
      return;
    }
    await ack();
    const user: UserContext = userOf(body, client);
    // The modal was opened from a step in this user's DM; metadata naming any other place is not
    // ours, and acting on it would edit a message somewhere the user never chose.
    if ((await deps.store.get(user.key))?.dm !== meta.channel) {
      deps.logger.warn('text modal metadata names a channel that is not the user’s DM');
      return;
    }
    await exchange.clickOn(
      user,
      { type: 'write', ref: { session: meta.session, step: meta.step, rev: meta.rev }, text },
      { channel: meta.channel, ts: meta.ts },
      // A modal has no response_url: a notice goes to the DM as an ephemeral, seen only by this user.
      async (message) => {
        await client.chat.postEphemeral({
          channel: meta.channel as string,
          user: body.user.id,
          ...message,
        });
      },
    );
  });

  app.view(CALLBACK.shareModal, async ({ ack, body, view, client }) => {
    const user: UserContext = userOf(body, client);
    const meta = decodeModalMetadata(view.private_metadata);
    const current = meta && (await share.currentSummary(user.key, meta));
    if (!current) {
      await ack({
        response_action: 'update',
        view: renderShareStatusModal(
          'Your brief changed',
          'Your answers changed since you opened this, so I did not share it. Close this and press Share… again to see the new preview.',
        ),
      });
      return;
    }
    const choice = readShareForm(view.state.values);
    if (choice.error || !choice.target) {
      const error = choice.error ?? { block: 'share-channel', message: 'Pick where to share.' };
      await ack({ response_action: 'errors', errors: { [error.block]: error.message } });
      return;
    }
    await ack({
      response_action: 'update',
      view: renderShareStatusModal('Sharing…', `Posting your brief to ${choice.target.mention}.`),
    });
    await share.post(user, view.id, current.summary, { ...choice, target: choice.target });
  });
}
