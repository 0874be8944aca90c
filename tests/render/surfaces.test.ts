import { describe, expect, it } from 'vitest';
import type { Outcome, StepView, SummaryView } from '../../src/engine/index.ts';
import {
  ACTION,
  decodeBriefRef,
  decodeModalMetadata,
  decodeRef,
  encodeBriefRef,
  type Message,
  renderAboutSharedBriefs,
  renderArchivedBrief,
  renderBriefReply,
  renderBriefReplySent,
  renderBriefUnavailable,
  renderCurrent,
  renderInstallFailure,
  renderInstallPage,
  renderInstallSuccess,
  renderMovedBelow,
  renderOutcome,
  renderPausedWithResume,
  renderReplacedBrief,
  renderShared,
  renderSharedWithYou,
  renderShareFailed,
  renderShareOutOfDate,
  renderSharing,
  renderStale,
  renderStep,
  renderSuggestModal,
  renderSuggestSentModal,
  renderSummary,
  renderTooLong,
} from '../../src/render/index.ts';
import { realContent } from '../support/content.ts';
import { model, view, WRITTEN } from './hand-brief.ts';

type Obj = Record<string, unknown>;
const content = realContent();
const step = content.exchange.steps[0];
if (!step) throw new Error('content without steps');
const stepView: StepView = {
  kind: 'step',
  sessionId: 'sess-1',
  rev: 2,
  step,
  index: 1,
  total: 8,
  canGoBack: false,
  editing: false,
};
const summaryView: SummaryView = view(model());
const UNIX = Math.floor(WRITTEN / 1000);

/** The mrkdwn of every section and context, in order. */
function shown(m: { blocks: unknown[] }): string[] {
  return (m.blocks as Obj[]).map((b) => {
    if (b.type === 'context')
      return (b.elements as { text: string }[]).map((e) => e.text).join(' ');
    return ((b.text as { text?: string } | undefined)?.text ?? `[${String(b.type)}]`) as string;
  });
}

describe('what an older copy becomes', () => {
  it('a step moved below: its label with a tick, no buttons', () => {
    const m = renderMovedBelow(stepView);
    expect(m.text).toBe(`Step 1 of 8 · ${step.title}: moved below`);
    expect(shown(m)).toEqual([`✓ *Step 1 of 8 · ${step.title}*: moved below`]);
  });

  it('the brief moved below says so', () => {
    const m = renderMovedBelow(summaryView);
    expect(m.text).toBe('Your brief: moved below');
    expect(shown(m)).toEqual(['✓ *Your brief*: moved below']);
  });

  it('a replaced brief is kept as an earlier brief, dated', () => {
    expect(renderReplacedBrief(model(), WRITTEN, 'UTC')).toEqual(
      renderArchivedBrief(model(), WRITTEN, 'UTC'),
    );
    expect(renderReplacedBrief(model(), WRITTEN, 'UTC').text).toBe(
      `Your brief from <!date^${UNIX}^{date_short}|1 Dec 2026>`,
    );
  });
});

describe('what the user sees after the engine answers', () => {
  it('the step or the brief, whichever they are on', () => {
    expect(renderCurrent(stepView)).toEqual(renderStep(stepView));
    expect(renderCurrent(summaryView, { checkinsOn: true })).toEqual(
      renderSummary(summaryView, { checkinsOn: true }),
    );
  });

  it('each outcome: show, paused, too long, stale, not an answer', () => {
    const outcomes: [Outcome, Message][] = [
      [{ type: 'show', view: stepView, resumed: false, started: false }, renderStep(stepView)],
      [{ type: 'paused', view: stepView }, renderPausedWithResume(stepView)],
      [{ type: 'too-long', view: stepView, length: 900, max: 500 }, renderTooLong(900, 500)],
      [{ type: 'stale', view: null }, renderStale(null)],
      [{ type: 'not-an-answer', view: stepView }, renderStale(stepView)],
    ];
    for (const [outcome, message] of outcomes) expect(renderOutcome(outcome)).toEqual(message);
  });
});

describe('the share form after Share', () => {
  it('posting, posted, failed, out of date: each under its heading', () => {
    expect(shown(renderSharing('<#C1>'))).toEqual(['*Sharing…*\nPosting your brief to <#C1>.']);
    expect(shown(renderShared('<#C1>'))).toEqual([
      '*Shared ✓*\nYour brief is in <#C1>. Your copy stays in our DM.',
    ]);
    expect(shown(renderShareFailed('It broke.'))).toEqual(["*Couldn't share it*\nIt broke."]);
    expect(shown(renderShareOutOfDate())).toEqual([
      '*Your brief changed*\nYour answers changed since you opened this, so I did not share it. Close this and press Share… again to see the new preview.',
    ]);
  });
});

describe('answers to a shared brief', () => {
  const brief = { sharer: 'U0ALICE', at: WRITTEN };
  it('Let’s talk reaches the sharer with the brief’s date, in UTC unless told', () => {
    const m = renderBriefReply({ kind: 'talk', from: 'U0BOSS', at: WRITTEN }, brief);
    expect(shown(m)).toEqual([
      `*<@U0BOSS> would like to talk about your brief in your next 1:1.*\nThat's the brief you wrote <!date^${UNIX}^{date_long}|1 Dec 2026>. Bring it along; nothing else to do until then.`,
    ]);
  });

  it('a suggestion: who, from which brief, the note, when it was sent', () => {
    const m = renderBriefReply(
      { kind: 'suggest', from: 'U0BOSS', at: WRITTEN, note: 'Try the doc' },
      brief,
      'Pacific/Auckland',
    );
    expect(shown(m)).toEqual([
      `*<@U0BOSS> suggested what to try first* from the brief you wrote <!date^${UNIX}^{date_long}|2 Dec 2026>:`,
      '> Try the doc',
      `Sent <!date^${UNIX}^{date_short}|2 Dec 2026>. Only you see this.`,
    ]);
  });

  it('the suggestion form takes a multi-line note', () => {
    const input = (renderSuggestModal(brief).blocks as unknown as Obj[])[1] as Obj;
    expect(input.element).toMatchObject({ type: 'plain_text_input', multiline: true });
  });

  it('the recipient hears what was sent, for each button', () => {
    expect(shown(renderBriefReplySent('talk', 'U0ALICE'))).toEqual([
      "Sent. <@U0ALICE> knows you'd like to talk about their brief in your next 1:1.",
    ]);
    expect(shown(renderBriefReplySent('suggest', 'U0ALICE'))).toEqual([
      'Sent. <@U0ALICE> has your suggestion, privately.',
    ]);
    expect(shown(renderSuggestSentModal('U0ALICE'))).toEqual([
      '*Sent*\nSent. <@U0ALICE> has your suggestion, privately.',
    ]);
    expect(shown(renderBriefUnavailable())).toEqual([renderBriefUnavailable().text]);
  });

  it('Home lists at most ten shared briefs, dated in the reader’s zone', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      ref: { sharer: 'U0ALICE', at: i },
      sharedAt: WRITTEN + i,
      lean: `Lean ${i}`,
    }));
    const blocks = renderSharedWithYou(items, 'Pacific/Auckland');
    const lines = shown({ blocks });
    expect(lines).toHaveLength(12); // header, ten briefs, the hint
    expect(lines[1]).toBe(`<@U0ALICE>, <!date^${UNIX}^{date_short}|2 Dec 2026>: Lean 11`);
    expect(lines[10]).toContain('Lean 2');
  });

  it('a recipient writing in the DM: names up to three sharers, or none', () => {
    const m = renderAboutSharedBriefs(['U1', 'U2', 'U3', 'U4']);
    expect(m.text).toMatch(/^To answer a brief from <@U1>, <@U2>, <@U3>, use the buttons under it/);
    expect(renderAboutSharedBriefs([]).text).toMatch(
      /^To answer a brief, use the buttons under it/,
    );
    expect(shown(m)).toEqual([
      m.text,
      'Thinking about your own career path? Type `start` for a short exchange of your own.',
    ]);
  });
});

describe('button values from outside', () => {
  it('a brief reference of the longest valid shape decodes; not a string, refused', () => {
    const longest = `b:U0ALICE:${'1'.repeat(15)}:T0TEAM`;
    expect(decodeBriefRef(longest)).toEqual({
      sharer: 'U0ALICE',
      team: 'T0TEAM',
      at: 111111111111111,
    });
    expect(decodeBriefRef(123)).toBeNull();
  });

  it('the date part must be digits only, start to end', () => {
    expect(decodeBriefRef('b:U0ALICE:x12')).toBeNull();
    expect(decodeBriefRef('b:U0ALICE:12x')).toBeNull();
    expect(decodeBriefRef(encodeBriefRef({ sharer: 'U0ALICE', at: 12 }))).toEqual({
      sharer: 'U0ALICE',
      at: 12,
    });
  });

  it('an exchange button value with a part too many is refused', () => {
    expect(decodeRef('sess-1:step:1:opt')).toEqual({
      session: 'sess-1',
      step: 'step',
      rev: 1,
      option: 'opt',
    });
    expect(decodeRef('sess-1:step:1:opt:more')).toBeNull();
    expect(decodeModalMetadata(42)).toBeNull();
    // Not a string, even one whose text would parse: refused.
    expect(decodeModalMetadata(['{"session":"s","step":"x","rev":1}'])).toBeNull();
  });

  it('the summary view’s actions use the brief’s ref', () => {
    const m = renderSummary(summaryView);
    const values = (m.blocks as unknown as Obj[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => (b.elements as Obj[]).map((e) => e.value));
    expect(values.every((v) => decodeRef(v)?.step === 'summary')).toBe(true);
    expect(ACTION.shareOpen).toBe('career.share.open');
  });
});

describe('the install pages', () => {
  it('the install page links to Slack’s authorize URL, escaped', () => {
    const html = renderInstallPage('https://slack.com/oauth/v2/authorize?a=1&b="2"');
    expect(html).toContain(
      '<a class="button" href="https://slack.com/oauth/v2/authorize?a=1&amp;b=&quot;2&quot;">Add to Slack</a>',
    );
    expect(html).toContain('<title>Add career-path to Slack · career-path</title>');
    expect(html).toContain('<h1>Add career-path to your Slack</h1>');
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('after installing: where, for whom, and a link to open the app', () => {
    const named = renderInstallSuccess({
      name: "Bob's <team>",
      orgWide: false,
      openUrl: 'slack://app?team=T1&id=A1',
    });
    expect(named).toContain('<h1>career-path is installed in Bob&#39;s &lt;team&gt;</h1>');
    expect(named).toContain(
      'Anyone in the workspace can start with <code>/career-path start</code>',
    );
    expect(named).toContain(
      '<a class="button" href="slack://app?team=T1&amp;id=A1">Open career-path in Slack</a>',
    );
    expect(named).toContain('<title>Installed · career-path</title>');
    const org = renderInstallSuccess({ orgWide: true });
    expect(org).toContain('<h1>career-path is installed in your org</h1>');
    expect(org).toContain('It is installed for the whole org');
    expect(org).not.toContain('Open career-path in Slack');
    expect(renderInstallSuccess({ orgWide: false })).toContain(
      '<h1>career-path is installed in your workspace</h1>',
    );
  });

  it('a failed install: why in words, the right status, and the code escaped', () => {
    const stale = renderInstallFailure('invalid_state');
    expect(stale.status).toBe(400);
    expect(stale.html).toContain('This install link has expired');
    for (const code of ['missing_code', 'invalid_code', 'code_already_used']) {
      expect(renderInstallFailure(code).status).toBe(400);
    }
    const cancelled = renderInstallFailure('access_denied');
    expect(cancelled.status).toBe(200);
    expect(cancelled.html).toContain(
      'The install was cancelled in Slack, so nothing was installed.',
    );
    expect(renderInstallFailure('slack_oauth_installer_authorization_error').status).toBe(200);
    const other = renderInstallFailure('<oops>');
    expect(other.status).toBe(502);
    expect(other.html).toContain('Slack did not confirm the install');
    expect(other.html).toContain('<small>Reason: <code>&lt;oops&gt;</code></small>');
    expect(other.html).toContain('<title>Not installed · career-path</title>');
    expect(other.html).toContain('<h1>career-path was not installed</h1>');
  });
});
