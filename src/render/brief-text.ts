import type { ShareableSection, SummaryModel } from '../engine/index.ts';

export const SECTION_TITLES: Record<ShareableSection, string> = {
  reasons: 'Why',
  misconceptions: 'What I had wrong',
  talkingPoints: 'What I want to talk about',
  experiments: 'Small experiments to test the fit',
  ownWords: 'In my own words',
};

export function leanLine(summary: SummaryModel): string {
  return summary.strengthLabel
    ? `${summary.leanLabel} (${summary.strengthLabel})`
    : summary.leanLabel;
}

/**
 * The brief as plain Markdown, for pasting into a 1:1 doc. Not mrkdwn: nothing here is escaped
 * for Slack, because it is shown inside a code block or copied out of Slack entirely.
 */
export function renderBriefText(
  summary: SummaryModel,
  include: readonly ShareableSection[] = Object.keys(SECTION_TITLES) as ShareableSection[],
): string {
  const lines: string[] = [
    '# Staff or EM: my brief for our 1:1',
    '',
    `Lean: ${leanLine(summary)}`,
    summary.leanBlurb,
  ];
  const add = (key: ShareableSection, items: string[]) => {
    if (!include.includes(key) || items.length === 0) return;
    lines.push('', `## ${SECTION_TITLES[key]}`, ...items);
  };
  add(
    'reasons',
    summary.reasons.map((r) => `- ${r}`),
  );
  add(
    'misconceptions',
    summary.misconceptions.map((m) => `- ${m.belief} ${m.counterpoint}`),
  );
  add(
    'talkingPoints',
    summary.talkingPoints.map((t, i) => `${i + 1}. ${t}`),
  );
  add(
    'experiments',
    summary.experiments.map((e) => `- ${e.title}: ${e.how}`),
  );
  add(
    'ownWords',
    summary.ownWords.map((w) => `- ${w.label}: "${w.text}"`),
  );
  return lines.join('\n');
}
