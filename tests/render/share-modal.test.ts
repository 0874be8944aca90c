import { describe, expect, it } from 'vitest';
import type { ShareableSection, SummaryModel } from '../../src/engine/index.ts';
import {
  ACTION,
  renderSharedBriefBlocks,
  renderShareModal,
  SECTION_TITLES,
  SHARE_INPUT,
  sectionsWithContent,
} from '../../src/render/index.ts';
import { model } from './hand-brief.ts';

type Obj = Record<string, unknown>;
const meta = { session: 'sess-1', step: 'summary', rev: 5 };

/** A brief with nothing in any section: only the lean. */
const bare = (over: Partial<SummaryModel> = {}) =>
  model({ ask: null, reasons: [], talkingPoints: [], talkingPointsAlso: [], ...over });

const checkboxes = (blocks: Obj[]) =>
  (blocks.find((b) => b.block_id === SHARE_INPUT.sections.block)?.element ?? {}) as Obj;

describe('the share form offers a checkbox only for what the brief has', () => {
  const one: [ShareableSection, Partial<SummaryModel>][] = [
    ['ask', { ask: 'Tell me.' }],
    ['tensions', { tensions: [{ id: 't', text: 'A pull.', also: [] }] }],
    ['role', { role: { id: 'r', track: 'staff', name: 'Architect', day: 'Designs.' } }],
    ['reasons', { reasons: ['Because.'] }],
    ['misconceptions', { misconceptions: [{ id: 'm', belief: 'A.', counterpoint: 'B.' }] }],
    ['evidence', { evidence: ['Two check-ins said so.'] }],
    ['talkingPoints', { talkingPoints: ['One.'], talkingPointsAlso: [[]] }],
    ['experiments', { experiments: [{ id: 'x', title: 'Try', how: 'It.' }] }],
    ['ownWords', { ownWords: [{ stepId: 's', label: 'Mine', text: 'Words.' }] }],
    ['ownWords', { note: { label: 'For you', text: 'A note.' } }],
  ];
  it.each(one)('%s', (section, over) => {
    expect(sectionsWithContent(bare())).toEqual([]);
    expect(sectionsWithContent(bare(over))).toEqual([section]);
  });

  it('both own words and a note: one Own words checkbox', () => {
    expect(
      sectionsWithContent(
        bare({
          note: { label: 'For you', text: 'A note.' },
          ownWords: [{ stepId: 's', label: 'Mine', text: 'Words.' }],
        }),
      ),
    ).toEqual(['ownWords']);
  });

  it('a brief with nothing to tick still has one checkbox (Slack needs one), unticked', () => {
    const modal = renderShareModal(bare(), { meta, include: [] });
    const box = checkboxes(modal.blocks as unknown as Obj[]);
    expect(box.type).toBe('checkboxes');
    expect(box.options).toEqual([
      {
        text: { type: 'plain_text', text: SECTION_TITLES.talkingPoints, emoji: true },
        value: 'talkingPoints',
      },
    ]);
    expect(box.initial_options).toBeUndefined();
    const one = renderShareModal(bare({ reasons: ['Because.'] }), { meta, include: ['reasons'] });
    expect(
      (checkboxes(one.blocks as unknown as Obj[]).options as Obj[]).map((o) => o.value),
    ).toEqual(['reasons']);
  });
});

describe('the share form reacts as soon as something changes', () => {
  const blocks = renderShareModal(model(), { meta, include: ['ask'] }).blocks as unknown as Obj[];
  it('the pickers and the checkboxes send their changes at once (dispatch_action)', () => {
    for (const id of [
      SHARE_INPUT.channel.block,
      SHARE_INPUT.person.block,
      SHARE_INPUT.sections.block,
    ]) {
      expect(blocks.find((b) => b.block_id === id)?.dispatch_action).toBe(true);
    }
  });

  it('the channel picker leaves out channels shared with other organisations', () => {
    const channel = blocks.find((b) => b.block_id === SHARE_INPUT.channel.block)?.element as Obj;
    expect(channel.filter).toEqual({
      include: ['public', 'private'],
      exclude_bot_users: true,
      exclude_external_shared_channels: true,
    });
  });

  it('the note under the pickers and Clear my pick appear only when there is one', () => {
    const plain = blocks.map((b) => b.type);
    expect(plain.slice(0, 4)).toEqual(['section', 'input', 'input', 'input']);
    const withNote = renderShareModal(model(), {
      meta,
      include: ['ask'],
      note: 'It will go to <#C1>.',
      picked: true,
    }).blocks as unknown as Obj[];
    expect(withNote[3]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'It will go to <#C1>.' }],
    });
    expect(withNote[4]).toMatchObject({
      type: 'actions',
      block_id: SHARE_INPUT.clear.block,
      elements: [{ action_id: ACTION.shareClear, value: 'clear', text: { text: 'Clear my pick' } }],
    });
    const picked = renderShareModal(model(), { meta, include: ['ask'], picked: false })
      .blocks as unknown as Obj[];
    expect(picked.some((b) => b.block_id === SHARE_INPUT.clear.block)).toBe(false);
  });

  it('the preview is the post, dated in the sharer’s zone', () => {
    const at = Date.UTC(2026, 11, 1, 23, 30);
    const modal = renderShareModal(model({ writtenAt: at }), {
      meta,
      include: ['ask'],
      sharer: 'U0ALICE',
      tz: 'Pacific/Auckland',
    });
    const post = renderSharedBriefBlocks(model({ writtenAt: at }), 'U0ALICE', ['ask'], {
      tz: 'Pacific/Auckland',
    });
    expect(JSON.stringify(modal.blocks)).toContain(JSON.stringify(post).slice(1, -1));
    expect(JSON.stringify(post)).toContain('|2 Dec 2026>');
  });

  it('a very long brief keeps the preview within a view’s 100 blocks', () => {
    const reasons = Array.from({ length: 150 }, (_, i) => `Reason ${i} ${'x'.repeat(2990)}`);
    const modal = renderShareModal(model({ reasons }), { meta, include: ['reasons'] });
    expect(modal.blocks).toHaveLength(100);
  });
});
