import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';

/**
 * Slack keeps what a user has in a view element across views.update / views.publish when the new
 * view has the same block_id and action_id ("Preserving input entry",
 * https://docs.slack.dev/reference/methods/views.update/): the new initial_option is not shown.
 * Apps see it as "initial_option does not update" (slackapi/bolt-python#572, #1064,
 * slackapi/bolt-js#974); the fix Slack gives is a new block_id. The emulator must do the same, or
 * a bot that forgets this looks right in the playground and wrong in Slack.
 */
const emu = new SlackEmulator({ signingSecret: 's'.repeat(32), botToken: 'xoxb-view-state' });
let client: WebClient;
beforeAll(async () => {
  await emu.start();
  client = new WebClient('xoxb-view-state', {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
  });
});
afterAll(async () => {
  await emu.stop();
});

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const opt = (value: string) => ({ text: plain(value), value });
const OPTIONS = ['off', 'weekly', 'biweekly'].map(opt);

function modal(blockId: string, initial: string) {
  return {
    type: 'modal' as const,
    title: plain('Settings'),
    submit: plain('Save'),
    blocks: [
      {
        type: 'input' as const,
        block_id: blockId,
        label: plain('How often'),
        element: {
          type: 'static_select' as const,
          action_id: 'cadence',
          options: OPTIONS,
          initial_option: opt(initial),
        },
      },
    ],
  };
}

function home(blockId: string, initial: string) {
  return {
    type: 'home' as const,
    blocks: [
      {
        type: 'actions' as const,
        block_id: blockId,
        elements: [
          {
            type: 'static_select' as const,
            action_id: 'cadence',
            options: OPTIONS,
            initial_option: opt(initial),
          },
        ],
      },
    ],
  };
}

const shown = (values: Record<string, Record<string, { selected_option?: { value: string } }>>) =>
  Object.values(values)[0]?.cadence?.selected_option?.value;

describe('a view updated with a new starting value', () => {
  it('views.update keeps the user’s pick when the ids are the same, and shows the new value under a new block_id', async () => {
    const opened = await client.views.open({
      trigger_id: emu.issueTriggerId('U0ALICE'),
      view: modal('settings', 'off'),
    });
    const viewId = opened.view?.id as string;
    await emu.selectInView({ user: 'U0ALICE', viewId, actionId: 'cadence', value: 'biweekly' });

    await client.views.update({ view_id: viewId, view: modal('settings', 'weekly') });
    expect(shown(emu.topModal('U0ALICE')?.state.values ?? {})).toBe('biweekly');

    await client.views.update({ view_id: viewId, view: modal('settings.weekly', 'weekly') });
    expect(shown(emu.topModal('U0ALICE')?.state.values ?? {})).toBe('weekly');
    await emu.closeView({ user: 'U0ALICE' });
  });

  it('views.publish keeps what the Home tab showed when the ids are the same', async () => {
    await client.views.publish({ user_id: 'U0BOB', view: home('settings', 'off') });
    await client.views.publish({ user_id: 'U0BOB', view: home('settings', 'weekly') });
    expect(shown(emu.home('U0BOB')?.state.values ?? {})).toBe('off');
    await client.views.publish({ user_id: 'U0BOB', view: home('settings.weekly', 'weekly') });
    expect(shown(emu.home('U0BOB')?.state.values ?? {})).toBe('weekly');
  });
});
