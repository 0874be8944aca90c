import { describe, expect, it } from 'vitest';
import { AT_SUMMARY, type StepView, type SummaryView } from '../../src/engine/index.ts';
import {
  ACTION,
  appDmUrl,
  decodeRef,
  explainSlackError,
  type Message,
  renderChannelPointer,
  renderHelp,
  renderIntro,
  renderNoSummaryYet,
  renderNotAnAnswer,
  renderPaused,
  renderPausedWithResume,
  renderProblem,
  renderReset,
  renderResetConfirm,
  renderSlackBusy,
  renderStale,
  renderStartedInDm,
  renderStoreUnavailable,
  renderTooLong,
  renderUnexpectedProblem,
  renderUnknownCommand,
} from '../../src/render/index.ts';
import { interactiveElements } from '../support/block-kit-limits.ts';
import { realEngine, sessionWith } from '../support/content.ts';

type Obj = Record<string, unknown>;

const engine = realEngine();

/** Everything the user reads in a message, block by block (section and context text). */
function shown(message: Message): string[] {
  return (message.blocks as unknown as Obj[]).map((b) => {
    if (b.type === 'section') return (b.text as { text: string }).text;
    if (b.type === 'context')
      return (b.elements as { text: string }[]).map((e) => e.text).join(' ');
    return `[${String(b.type)}]`;
  });
}

/** The buttons as the user sees them: label, style, what they do and which step they point at. */
function buttons(message: Message) {
  return interactiveElements(message).map(({ block, element }) => ({
    block: block.block_id,
    label: (element.text as { text: string }).text,
    style: element.style,
    action: element.action_id,
    ref: decodeRef(element.value),
  }));
}

function stepView(): StepView {
  const first = engine.graph.path({})[0] as string;
  const view = engine.view(sessionWith(engine, {}, { id: 'sess-1', rev: 2, current: first }));
  if (view.kind !== 'step') throw new Error('expected a step');
  return view;
}

function summaryView(): SummaryView {
  const choices: Record<string, string> = {};
  for (const id of engine.graph.path(choices)) {
    const step = engine.graph.step(id);
    if (step?.kind === 'choice') choices[id] = step.options[0]?.id as string;
  }
  const view = engine.view(
    sessionWith(
      engine,
      { choices, texts: {} },
      { id: 'sess-9', rev: 7, current: AT_SUMMARY, status: 'complete' },
    ),
  );
  if (view.kind !== 'summary') throw new Error('expected the summary');
  return view;
}

describe('help', () => {
  it('starts with the intro, then every command a user can type, each on its own line', () => {
    const help = renderHelp('Hello there.');
    expect(help.text).toBe('How /career-path works');
    expect(shown(help)).toEqual([
      [
        'Hello there.',
        '',
        '*In the DM with me* you can type `start`, `summary`, `reset` or `help`.',
        '*Anywhere*, use `/career-path` with:',
        '• `start` (or nothing): begin, or pick up where you left off',
        '• `summary`: show your brief for the 1:1',
        '• `share`: share your brief in a channel or with a person, after a preview',
        '• `reset`: clear your answers and begin again',
        '• `checkin`: see your check-ins; `checkin weekly`, `biweekly`, `monthly` or `off` to change them',
        '• `help`: this message',
      ].join('\n'),
    ]);
  });

  it('an unknown command is answered with help that names what was typed, escaped and cut short', () => {
    const help = renderUnknownCommand(`<!channel> ${'x'.repeat(60)}`);
    const [body] = shown(help);
    expect(body?.split('\n')[0]).toBe(
      `I don't know \`&lt;!channel&gt; ${'x'.repeat(28)}…\`, but here's what I can do.`,
    );
    expect(body).toContain('• `help`: this message');
  });
});

describe('notices in the DM', () => {
  it('the intro is shown with a wave, escaped, and its plain text is the intro itself', () => {
    const intro = renderIntro('Hi <@U1> & welcome');
    expect(intro.text).toBe('Hi <@U1> & welcome');
    expect(shown(intro)).toEqual([':wave: Hi &lt;@U1&gt; &amp; welcome']);
    expect((intro.blocks[0] as unknown as Obj).block_id).toBe('intro');
  });

  it('an answer over the limit says how long it was, the limit, and that nothing was saved', () => {
    const m = renderTooLong(812, 500);
    expect(m.text).toBe('A bit too long to keep: could you shorten it?');
    expect(shown(m)).toEqual([
      "That's 812 characters, and I keep up to 500 for this answer, so I haven't saved it. Could you send a shorter version? Your message is still above to copy from, and nothing was cut.",
    ]);
    expect((m.blocks[0] as unknown as Obj).block_id).toBe('too-long');
  });

  it('a DM that is not an answer points at the buttons on a choice step, else says hello', () => {
    const onStep = renderNotAnAnswer(true);
    expect(onStep.text).toBe(
      'I only read typed answers on the free-text steps. For this one, pick an option above, or type `help`.',
    );
    expect(shown(onStep)).toEqual([onStep.text]);
    const idle = renderNotAnAnswer(false);
    expect(idle.text).toMatch(
      /^Hi! I help you think through Staff Engineer versus Engineering Manager/,
    );
    expect(shown(idle)).toEqual([idle.text]);
  });

  it('paused, no brief yet and reset each say what happened and how to carry on', () => {
    expect(shown(renderPaused())).toEqual([
      'Paused. Your answers are saved. Type `/career-path` (or `start` here) whenever you want to pick up where you left off.',
    ]);
    expect(shown(renderNoSummaryYet())).toEqual([
      "There's no brief yet: it appears once you've answered the questions. Type `/career-path` to begin or carry on.",
    ]);
    expect(shown(renderReset())).toEqual(['Cleared your answers. Starting again from the top.']);
  });

  it('paused with Resume: the notice, then one primary Resume button back to the same step', () => {
    const view = stepView();
    const m = renderPausedWithResume(view);
    expect(m.text).toBe('Paused. Your answers are saved.');
    expect(shown(m)[0]).toMatch(/^Paused\. Your answers are saved\./);
    expect(buttons(m)).toEqual([
      {
        block: 'paused',
        label: 'Resume',
        style: 'primary',
        action: ACTION.resume,
        ref: { session: 'sess-1', step: view.step.id, rev: 2 },
      },
    ]);
  });

  it('reset typed in the DM asks first: Start over (danger) or Keep my answers, both on this step', () => {
    const view = stepView();
    const m = renderResetConfirm(view);
    expect(m.text).toBe('Start over? Your answers would be cleared.');
    expect(shown(m)[0]).toBe(
      '*Start over?* Your answers will be cleared and you will begin again from the first step. Your earlier briefs stay on the Home tab.',
    );
    const ref = { session: 'sess-1', step: view.step.id, rev: 2 };
    expect(buttons(m)).toEqual([
      { block: 'reset-confirm', label: 'Start over', style: 'danger', action: ACTION.restart, ref },
      {
        block: 'reset-confirm',
        label: 'Keep my answers',
        style: undefined,
        action: ACTION.resume,
        ref,
      },
    ]);
  });
});

describe('stale buttons', () => {
  it('from an ended conversation: says so and how to begin again, with no button', () => {
    const m = renderStale(null);
    expect(m.text).toBe('That button is from a conversation that has ended.');
    expect(shown(m)).toEqual([
      'That button is from a conversation that has ended, so I left everything as it is. Type `/career-path` to begin a new one.',
    ]);
    expect(buttons(m)).toEqual([]);
  });

  it('from an earlier step: a primary button that takes the user to the step they are on', () => {
    const view = stepView();
    const m = renderStale(view);
    expect(shown(m)[0]).toBe(
      'That button is from an earlier step, so I left your answers exactly as they were.',
    );
    expect(buttons(m)).toEqual([
      {
        block: 'stale',
        label: 'Take me to where I am',
        style: 'primary',
        action: ACTION.resume,
        ref: { session: 'sess-1', step: view.step.id, rev: 2 },
      },
    ]);
  });

  it('while on the brief: the button takes the user back to the brief', () => {
    const [button] = buttons(renderStale(summaryView()));
    expect(button?.ref).toEqual({ session: 'sess-9', step: 'summary', rev: 7 });
  });
});

describe('pointing to the DM', () => {
  it('links to the app DM through Slack’s app_redirect, naming the app and the team', () => {
    expect(appDmUrl({ teamId: 'T0123', appId: 'A0456' })).toBe(
      'https://slack.com/app_redirect?app=A0456&team=T0123',
    );
    const m = renderChannelPointer({ teamId: 'T0123', appId: 'A0456' });
    expect(m.text).toBe(
      "I've sent you a DM to keep this private: https://slack.com/app_redirect?app=A0456&team=T0123",
    );
    expect(shown(m)).toEqual([
      "I've started this in <https://slack.com/app_redirect?app=A0456&team=T0123|our DM> so your answers stay private. Nothing is posted here.",
    ]);
  });

  it('a command typed in a channel names the bot when it is known', () => {
    const named = renderStartedInDm('UBOT');
    expect(named.text).toBe(
      "I've sent you a DM from <@UBOT> so your answers stay private. Nothing is posted here.",
    );
    expect(shown(named)).toEqual([named.text]);
    expect(renderStartedInDm().text).toBe(
      "I've sent you a DM so your answers stay private. Nothing is posted here.",
    );
  });
});

describe('problems, in words that say what to do next', () => {
  const where = '<#C0123>';
  it.each([
    ['not_in_channel', /^I'm not a member of <#C0123>.*`\/invite @career-path` in <#C0123>/],
    ['channel_not_found', /^I can't see <#C0123>: it may be private/],
    ['is_archived', /^<#C0123> is archived/],
    ['restricted_action', /^This workspace doesn't let me post in <#C0123>\./],
    ['restricted_action_read_only_channel', /^This workspace doesn't let me post in <#C0123>\./],
    ['msg_too_long', /^That message came out too long for Slack\./],
    ['invalid_blocks', /^That message came out too long for Slack\./],
    ['messages_tab_disabled', /the Messages tab is turned off for this app/],
    ['user_not_found', /^That person's account is inactive/],
    ['account_inactive', /^That person's account is inactive/],
    ['token_revoked', /has been disconnected from this workspace\. Ask an admin to reinstall it\./],
    ['invalid_auth', /has been disconnected from this workspace/],
    ['not_authed', /has been disconnected from this workspace/],
    ['store_unavailable', /^Sorry, I can't save right now: my storage is briefly out of reach/],
    ['ratelimited', /^Slack asked me to slow down\./],
    [
      'fatal_error',
      /^Slack didn't accept that just now\. Try again in a moment; nothing was lost\.$/,
    ],
  ])('%s', (code, said) => {
    expect(explainSlackError(code, where)).toMatch(said);
  });

  it('without a place, "there" stands in for it', () => {
    expect(explainSlackError('is_archived')).toMatch(/^there is archived/);
  });

  it('a problem is shown with a warning sign, and its plain text is the problem', () => {
    const m = renderProblem('It broke.');
    expect(m.text).toBe('It broke.');
    expect(shown(m)).toEqual([':warning: It broke.']);
  });

  it('the store being out of reach: nothing saved now, nothing earlier lost', () => {
    const m = renderStoreUnavailable();
    expect(m.text).toBe(explainSlackError('store_unavailable'));
    expect(m.text).toContain('Your earlier answers are safe. Please try again in a minute.');
    expect(shown(m)).toEqual([`:hourglass: ${m.text}`]);
  });

  it('an unexpected failure says the answers are saved and how to carry on', () => {
    expect(shown(renderUnexpectedProblem())).toEqual([
      ':warning: Something went wrong on my side. Your answers so far are saved; type `/career-path` to carry on.',
    ]);
  });

  it('Slack busy: the wait in whole seconds, rounded up', () => {
    const m = renderSlackBusy(2.2);
    expect(m.text).toBe(
      'Slack is busy, so this will take a moment (about 3 seconds). Nothing was lost; no need to click again.',
    );
    expect(shown(m)).toEqual([`:hourglass: ${m.text}`]);
  });
});
