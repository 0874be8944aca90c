import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, CALLBACK } from '../../src/render/action-ids.ts';
import { blockKitProblemsInCalls } from '../support/calls-within-limits.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import {
  blockActionsPayload,
  encodeForm,
  encodeInteraction,
  eventCallback,
  interactionUser,
  makeEventId,
  messageImEvent,
  slashCommandPayload,
  viewOutput,
  viewSubmissionPayload,
} from '../support/payloads.ts';

/**
 * Random Slack-shaped and malformed payloads, correctly signed so they reach the listeners, at
 * the real HTTP endpoint. 5 rounds of 60 = 300 payloads a run, each round sent at once (a round
 * lasts about 2 s: payloads no listener matches are answered by the 2-second unhandled handler).
 */
const ROUNDS = 5;
const PER_ROUND = 60;
const TEAM = 'T0PLAYGND';
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
/** Errors that would mean we sent Slack something it refuses for its shape, not its target. */
const SHAPE_ERRORS = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'invalid_arguments',
  'invalid_view',
  'invalid_array_arg',
]);

let h: Harness;
let alice: DmDriver;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  h = await startHarness({ logLevel: 'warn' });
  alice = new DmDriver(h.emu, 'U0ALICE');
  await alice.expectCall(
    () => h.emu.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL' }),
    'chat.postMessage',
  );
});
afterAll(async () => {
  await h.close();
  process.off('unhandledRejection', onRejection);
});

/** Alice's real session and message, so some random clicks are nearly right (the worst kind). */
async function realRef(): Promise<{ session: string; rev: number; ts: string }> {
  const state = await h.deps.store.get({ teamId: TEAM, userId: 'U0ALICE' });
  return {
    session: state?.session?.id ?? 'none',
    rev: state?.session?.rev ?? 0,
    ts: alice.latest().ts,
  };
}

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom('', 'start', 'help', 'reset', 'summary', 'share', ' START ', 'start over'),
  fc.constantFrom('<!channel>', '<@U0BOB>', '<https://x.example|x>', '&amp;<>', '\u0000\uFFFF'),
  fc.string({ unit: 'binary', minLength: 3_000, maxLength: 12_000 }),
);
const userId = fc.oneof(
  fc.constantFrom('U0ALICE', 'U0BOB', 'U0MANAGER'),
  fc.string({ maxLength: 30 }),
);
const channelId = fc.oneof(
  fc.constantFrom('C0GENERAL', 'C0ENGLEADS', 'D0ALICE', 'C0OLD'),
  fc.string({ maxLength: 25 }),
);
const actionId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...Object.values(ACTION), 'career.answer.0') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const jsonish = fc.jsonValue({ maxDepth: 3 });

type Ref = Awaited<ReturnType<typeof realRef>>;
type Delivery = { body: string; contentType: string };

const form = 'application/x-www-form-urlencoded';

function command(ref: Ref) {
  return fc.record({ text, user: userId, channel: channelId }).map(({ text, user, channel }) => ({
    body: encodeForm(
      slashCommandPayload({
        text,
        user_id: user,
        channel_id: channel,
        response_url: `${h.emu.apiUrl.replace(/\/api\/$/, '')}/response/00`,
        trigger_id: `1.2.${ref.ts}`,
      }),
    ),
    contentType: form,
  }));
}

function blockAction(ref: Ref) {
  const value = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc
      .record({ step: fc.string({ maxLength: 20 }), rev: fc.integer(), option: fc.string() })
      .map(({ step, rev, option }) => `${ref.session}:${step}:${rev}:${option}`),
    fc.constant(`${ref.session}:where-you-are:${ref.rev}:both-real-senior`),
  );
  return fc
    .record({
      user: userId,
      action_id: actionId,
      value,
      type: fc.constantFrom('button', 'static_select', 'checkboxes', 'datepicker', 'nonsense'),
      container: fc.oneof(
        fc.constant({ type: 'message', message_ts: ref.ts, channel_id: 'D0ALICE' }),
        fc.constant({ type: 'view', view_id: 'V0NOPE' }),
        jsonish,
      ),
      extra: fc.dictionary(fc.string({ maxLength: 10 }), jsonish, { maxKeys: 3 }),
    })
    .map(({ user, action_id, value, type, container, extra }) => ({
      body: encodeInteraction({
        ...blockActionsPayload({
          user: { ...interactionUser(user, 'x'), team_id: TEAM },
          container: container as never,
          actions: [
            {
              type,
              action_id,
              block_id: 'answer',
              value,
              selected_option: { value, text: { type: 'plain_text', text: 'x' } },
              action_ts: '1.2',
            } as never,
          ],
        }),
        ...extra,
      }),
      contentType: form,
    }));
}

function viewSubmission(ref: Ref) {
  const metadata = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constant(
      JSON.stringify({
        session: ref.session,
        step: 'problem-story',
        rev: ref.rev,
        channel: 'D0ALICE',
        ts: ref.ts,
      }),
    ),
    jsonish.map((j) => JSON.stringify(j)),
  );
  return fc
    .record({
      user: userId,
      callback: fc.oneof(fc.constantFrom(...Object.values(CALLBACK)), fc.string({ maxLength: 30 })),
      metadata,
      words: text,
      values: fc.oneof(
        jsonish,
        fc.constant({
          'share-channel': { 'share.channel': { selected_conversation: 'C0ENGLEADS' } },
        }),
      ),
    })
    .map(({ user, callback, metadata, words, values }) => ({
      body: encodeInteraction(
        viewSubmissionPayload({
          user: { ...interactionUser(user, 'x'), team_id: TEAM },
          view: viewOutput({
            callback_id: callback,
            private_metadata: metadata,
            state: {
              values:
                typeof values === 'object' && values !== null && Object.keys(values).length > 0
                  ? values
                  : { words: { 'words.input': { type: 'plain_text_input', value: words } } },
            },
          }) as never,
        }),
      ),
      contentType: form,
    }));
}

function dmEvent() {
  return fc
    .record({
      user: userId,
      channel: channelId,
      text,
      subtype: fc.option(fc.constantFrom('message_changed', 'bot_message', 'channel_join')),
      channel_type: fc.constantFrom('im', 'channel', 'mpim'),
      event_id: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 20 })),
    })
    .map(({ user, channel, text, subtype, channel_type, event_id }) => ({
      body: JSON.stringify(
        eventCallback(
          {
            ...messageImEvent({ user, channel, text }),
            channel_type,
            ...(subtype ? { subtype } : {}),
          },
          { event_id: event_id ?? makeEventId() },
        ),
      ),
      contentType: 'application/json',
    }));
}

const malformed: fc.Arbitrary<Delivery> = fc.oneof(
  fc
    .string({ unit: 'binary', maxLength: 300 })
    .map((body) => ({ body, contentType: 'application/json' })),
  fc.string({ maxLength: 300 }).map((body) => ({ body, contentType: form })),
  jsonish.map((j) => ({ body: JSON.stringify(j), contentType: 'application/json' })),
  jsonish.map((j) => ({ body: encodeForm({ payload: JSON.stringify(j) }), contentType: form })),
  fc.constantFrom(
    { body: 'null', contentType: 'application/json' },
    { body: 'payload=null', contentType: form },
    { body: '{"type":"event_callback","event":null}', contentType: 'application/json' },
    { body: '{"type":"block_actions","actions":null}', contentType: 'application/json' },
    { body: 'payload=%7B%22type%22%3A%22view_submission%22%7D', contentType: form },
  ),
);

function anyPayload(ref: Ref): fc.Arbitrary<Delivery> {
  return fc.oneof(command(ref), blockAction(ref), viewSubmission(ref), dmEvent(), malformed);
}

describe('random and malformed payloads at the real endpoint', () => {
  it(`${ROUNDS * PER_ROUND} signed payloads: all answered, no 5xx, nothing broken`, async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constant(null), { minLength: PER_ROUND, maxLength: PER_ROUND }),
        fc.integer(),
        async (_, seed) => {
          const ref = await realRef();
          const batch = fc.sample(anyPayload(ref), { numRuns: PER_ROUND, seed });
          const results = await Promise.all(
            batch.map(async (delivery) => {
              const res = await h.emu.deliverRaw(delivery);
              return { status: res.status, delivery };
            }),
          );
          sent += results.length;
          for (const r of results) {
            expect(r.status, r.delivery.body.slice(0, 300)).toBeLessThan(500);
          }
          expect((await fetch(`${h.botUrl}/healthz`)).status).toBe(200);
        },
      ),
      { numRuns: ROUNDS, endOnFailure: true },
    );
    expect(sent).toBe(ROUNDS * PER_ROUND);
    // Let the last replies land before judging every call the bot made.
    await h.idle();
    for (const call of h.emu.calls) {
      if (MESSAGE_METHODS.has(call.method)) {
        expect(typeof call.args.channel, JSON.stringify(call.args).slice(0, 200)).toBe('string');
        expect(call.args.channel).not.toBe('');
        expect(typeof call.args.text, call.method).toBe('string');
      }
      expect(SHAPE_ERRORS.has(call.error ?? ''), `${call.method}: ${call.error}`).toBe(false);
    }
    expect(blockKitProblemsInCalls(h.emu.calls)).toEqual([]);
    expect(rejections).toEqual([]);
  }, 90_000);
});
