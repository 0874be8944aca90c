import { describe, expect, it } from 'vitest';
import {
  ACTION,
  BRIEF_REPLY_BLOCK,
  decodeBriefRef,
  decodeRef,
  type Message,
  renderSharedBrief,
  renderSharedBriefBlocks,
  renderSummary,
  renderSummaryBody,
  SECTION_TITLES,
} from '../../src/render/index.ts';
import { interactiveElements } from '../support/block-kit-limits.ts';
import { model, view, WRITTEN } from './hand-brief.ts';

type Obj = Record<string, unknown>;

const sectionText = (b: unknown) => ((b as Obj).text as { text: string } | undefined)?.text;
const texts = (blocks: unknown[]) => blocks.map(sectionText);

function buttons(m: Message) {
  return interactiveElements(m).map(({ element }) => ({
    label: (element.text as { text: string } | undefined)?.text,
    action: element.action_id,
    style: element.style,
    value: element.value,
  }));
}

describe('the brief’s body, as the user reads it', () => {
  it('the lean first (its own block), then each part: a bold title and one bullet a line', () => {
    const blocks = renderSummaryBody(model());
    expect((blocks[0] as unknown as Obj).block_id).toBe('lean');
    expect(texts(blocks)).toEqual([
      '*Where I stand:* Both tracks are real roles here.\n*My lean:* Staff Engineer (a clear lean)\nYour answers point at deep technical work.',
      `*${SECTION_TITLES.ask}*\n• Tell me which of these you see in me.`,
      `*${SECTION_TITLES.reasons}*\n• You like long problems.\n• You want to keep coding.`,
      `*${SECTION_TITLES.talkingPoints}*\n1. First point.\n2. Second point.\n3. Third point.`,
    ]);
    expect(blocks.slice(1).map((b) => (b as unknown as Obj).block_id)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('the user’s own words are quoted under their label, escaped, with no bullet', () => {
    const blocks = renderSummaryBody(
      model({
        note: { label: 'For you', text: 'Please <!here> read' },
        ownWords: [{ stepId: 'problem-story', label: 'A problem <I> liked', text: 'Deploys & me' }],
      }),
    );
    const all = texts(blocks);
    expect(all).toContain('*For you*\n> Please &lt;!here&gt; read');
    expect(all).toContain(
      `*${SECTION_TITLES.ownWords}*\nA problem &lt;I&gt; liked\n> Deploys &amp; me`,
    );
  });

  it('our own mrkdwn in other parts is shown as written, not escaped', () => {
    const blocks = renderSummaryBody(
      model({
        experiments: [
          { id: 'x', title: 'Lead a design review', how: 'See <https://example.com|the guide>.' },
        ],
      }),
    );
    expect(texts(blocks)).toContain(
      `*${SECTION_TITLES.experiments}*\n• *Lead a design review*: See <https://example.com|the guide>.`,
    );
  });

  it('a part too long for one section goes on in the next, with the lean id only on the first', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Reason ${i} ${'x'.repeat(100)}`);
    const blocks = renderSummaryBody(model({ reasons: long, talkingPoints: [], ask: null }));
    const reasons = blocks.slice(1);
    expect(reasons.length).toBe(2);
    expect(reasons.map((b) => (b as unknown as Obj).block_id)).toEqual([undefined, undefined]);
    expect(sectionText(reasons[0])?.startsWith(`*${SECTION_TITLES.reasons}*\n• Reason 0 `)).toBe(
      true,
    );
    expect(sectionText(reasons[1])?.startsWith('• Reason ')).toBe(true);
    const hugeLean = renderSummaryBody(model({ leanBlurb: 'y'.repeat(3500), ask: null }));
    expect(hugeLean.map((b) => (b as unknown as Obj).block_id).slice(0, 2)).toEqual([
      'lean',
      undefined,
    ]);
  });

  it('a part with no lines shows no block at all', () => {
    const blocks = renderSummaryBody(model({ reasons: [], talkingPoints: [], ask: null }));
    expect(blocks).toHaveLength(1);
  });
});

describe('the private brief', () => {
  it('header, privacy line, lean, how my thinking moved, body, then the actions', () => {
    const m = renderSummary(view(model()), { moved: 'From EM to staff.' });
    const types = m.blocks.map((b) => b.type);
    expect(types.slice(0, 4)).toEqual(['header', 'context', 'section', 'section']);
    expect((m.blocks[2] as unknown as Obj).block_id).toBe('lean');
    expect(m.blocks[3]).toMatchObject({
      block_id: 'moved',
      text: { text: '*How my thinking moved*\nFrom EM to staff.' },
    });
    expect(m.text).toBe('Your brief for the next 1:1 — lean: Staff Engineer (a clear lean)');
  });

  it('Share… (primary), Copy as text, Start over (asks first) and Check in with me', () => {
    const m = renderSummary(view(model()));
    const ref = { session: 'sess-1', step: 'summary', rev: 5 };
    const shown = buttons(m);
    expect(shown.map(({ label, action, style }) => [label, action, style])).toEqual([
      ['Share…', ACTION.shareOpen, 'primary'],
      ['Copy as text', ACTION.copy, undefined],
      ['Start over', ACTION.restart, undefined],
      ['Check in with me', ACTION.checkinOptIn, undefined],
    ]);
    for (const b of shown) expect(decodeRef(b.value)).toEqual(ref);
    const restart = interactiveElements(m).find((e) => e.element.action_id === ACTION.restart);
    expect(restart?.element.confirm).toMatchObject({
      title: { text: 'Start over?' },
      confirm: { text: 'Start over' },
      deny: { text: 'Keep my answers' },
      style: 'danger',
    });
  });

  it('once check-ins are on, the offer to check in is gone', () => {
    const m = renderSummary(view(model()), { checkinsOn: true });
    expect(buttons(m).map((b) => b.action)).not.toContain(ACTION.checkinOptIn);
  });

  it('Change an answer: a dropdown of the steps, at most 100, each pointing at its step', () => {
    const editable = Array.from({ length: 120 }, (_, i) => ({
      id: `step-${i}`,
      title: `Step ${i}`,
    }));
    const m = renderSummary(view(model(), editable));
    const edit = m.blocks.find((b) => (b as unknown as Obj).block_id === 'edit') as unknown as Obj;
    const select = edit.accessory as Obj;
    expect(select.type).toBe('static_select');
    expect(select.action_id).toBe(ACTION.edit);
    const options = select.options as { text: { text: string }; value: string }[];
    expect(options).toHaveLength(100);
    expect(options[0]).toMatchObject({
      text: { text: 'Step 0' },
      value: 'sess-1:summary:5:step-0',
    });
    expect(
      renderSummary(view(model())).blocks.some((b) => (b as unknown as Obj).block_id === 'edit'),
    ).toBe(false);
  });

  it('a very long brief is cut to Slack’s 50 blocks', () => {
    const reasons = Array.from({ length: 80 }, (_, i) => `Reason ${i} ${'x'.repeat(2990)}`);
    const m = renderSummary(view(model({ reasons })), {});
    expect(m.blocks).toHaveLength(50);
  });
});

describe('the shared brief', () => {
  it('is dated in the sharer’s zone, UTC when unknown', () => {
    const dated = (tz?: string) =>
      JSON.stringify(renderSharedBriefBlocks(model(), 'U0ALICE', ['ask'], tz ? { tz } : {})[1]);
    expect(dated()).toContain('|1 Dec 2026>');
    expect(dated('Pacific/Auckland')).toContain('|2 Dec 2026>');
  });

  it('answer buttons name the sharer, their team and the brief; Let’s talk is primary', () => {
    const m = renderSharedBrief(model(), 'U0ALICE', ['ask'], { team: 'T0TEAM' });
    const reply = m.blocks.at(-1) as unknown as Obj;
    expect(reply.block_id).toBe(BRIEF_REPLY_BLOCK);
    const shown = buttons(m);
    expect(shown.map((b) => [b.action, b.style])).toEqual([
      [ACTION.briefTalk, 'primary'],
      [ACTION.briefSuggest, undefined],
    ]);
    for (const b of shown) {
      expect(decodeBriefRef(b.value)).toEqual({ sharer: 'U0ALICE', team: 'T0TEAM', at: WRITTEN });
    }
  });

  it('a very long brief keeps its answer buttons within Slack’s 50 blocks', () => {
    const reasons = Array.from({ length: 80 }, (_, i) => `Reason ${i} ${'x'.repeat(2990)}`);
    const m = renderSharedBrief(model({ reasons }), 'U0ALICE', ['reasons']);
    expect(m.blocks).toHaveLength(50);
    expect(m.blocks.at(-2)?.type).toBe('divider');
    expect((m.blocks.at(-1) as unknown as Obj).block_id).toBe(BRIEF_REPLY_BLOCK);
  });
});
