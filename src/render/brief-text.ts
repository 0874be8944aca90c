import type { ShareableSection, SummaryModel } from '../engine/index.ts';
import { SHAREABLE_SECTIONS } from '../engine/index.ts';
import { plainDay } from './when.ts';

/** Headings of the brief, one per section the user may leave out when sharing. */
export const SECTION_TITLES: Record<ShareableSection, string> = {
  ask: "What I'd like from you",
  tensions: 'Where my answers pull against each other',
  role: 'The kind of role it looks like',
  reasons: 'Why',
  misconceptions: "What I'm rethinking",
  evidence: 'What the last weeks showed',
  talkingPoints: 'What I want to talk about',
  experiments: 'Small experiments to test the fit',
  ownWords: 'In my own words',
};

export const BRIEF_LABELS = {
  stand: 'Where I stand',
  lean: 'My lean',
  written: 'Written',
} as const;

/** The recipient's answer buttons under a shared brief. */
export const BRIEF_REPLY = {
  talk: "Let's talk about this in our 1:1",
  suggest: 'Suggest what to try first',
} as const;

export function leanLine(summary: SummaryModel): string {
  return summary.strengthLabel
    ? `${summary.leanLabel} (${summary.strengthLabel})`
    : summary.leanLabel;
}

/**
 * One line of the brief in its two spellings: `md` is Slack mrkdwn with the user's words escaped,
 * `plain` is raw text for Copy as text. The user's own words are kept apart (`quote`) so each
 * surface quotes and escapes them its own way, exactly once.
 */
export interface BriefLine {
  md: string;
  plain: string;
  /** The user's own words, shown as a quote after the line. */
  quote?: string;
}

/** A titled part of the brief, with every section it belongs to: it shows only if all are in. */
export interface BriefPart {
  key: string;
  title?: string;
  /** Numbered list ("1. …") rather than bullets. */
  numbered?: boolean;
  /** Shown as bullets under the title; a part with a single untitled line shows it bare. */
  lines: BriefLine[];
}

const same = (text: string): BriefLine => ({ md: text, plain: text });

/**
 * The brief as parts, in the order every surface shows them, already filtered to `include`:
 * the one place that decides what a left-out section takes with it.
 */
export function briefParts(
  summary: SummaryModel,
  include: readonly ShareableSection[] = SHAREABLE_SECTIONS,
): BriefPart[] {
  const has = (...sections: ShareableSection[]) => sections.every((s) => include.includes(s));
  const parts: BriefPart[] = [];
  const stand: BriefLine[] = [];
  if (summary.situation) stand.push(same(`*${BRIEF_LABELS.stand}:* ${summary.situation}`));
  stand.push({
    md: `*${BRIEF_LABELS.lean}:* ${escapeForMd(leanLine(summary))}`,
    plain: `*${BRIEF_LABELS.lean}:* ${leanLine(summary)}`,
  });
  stand.push(same(summary.leanBlurb));
  parts.push({ key: 'lean', lines: stand });
  if (summary.note && has('ownWords')) {
    parts.push({
      key: 'note',
      title: summary.note.label,
      lines: [{ md: '', plain: '', quote: summary.note.text }],
    });
  }
  if (summary.ask && has('ask')) {
    parts.push({ key: 'ask', title: SECTION_TITLES.ask, lines: [same(summary.ask)] });
  }
  const tensions = summary.tensions.filter((t) => has('tensions', ...t.also));
  if (tensions.length > 0) {
    parts.push({
      key: 'tensions',
      title: SECTION_TITLES.tensions,
      lines: tensions.map((t) => same(t.text)),
    });
  }
  if (summary.role && has('role')) {
    parts.push({
      key: 'role',
      title: SECTION_TITLES.role,
      lines: [same(`*${summary.role.name}.* ${summary.role.day}`)],
    });
  }
  if (has('reasons') && summary.reasons.length > 0) {
    parts.push({ key: 'reasons', title: SECTION_TITLES.reasons, lines: summary.reasons.map(same) });
  }
  if (has('misconceptions') && summary.misconceptions.length > 0) {
    parts.push({
      key: 'misconceptions',
      title: SECTION_TITLES.misconceptions,
      lines: summary.misconceptions.map((m) => ({
        md: `_${m.belief}_ ${m.counterpoint}`,
        plain: `${m.belief} ${m.counterpoint}`,
      })),
    });
  }
  if (has('evidence') && summary.evidence.length > 0) {
    parts.push({
      key: 'evidence',
      title: SECTION_TITLES.evidence,
      lines: summary.evidence.map(same),
    });
  }
  const points = summary.talkingPoints.filter((_, i) =>
    has('talkingPoints', ...(summary.talkingPointsAlso[i] ?? [])),
  );
  if (points.length > 0) {
    parts.push({
      key: 'talkingPoints',
      title: SECTION_TITLES.talkingPoints,
      numbered: true,
      lines: points.map(same),
    });
  }
  if (has('experiments') && summary.experiments.length > 0) {
    parts.push({
      key: 'experiments',
      title: SECTION_TITLES.experiments,
      lines: summary.experiments.map((e) => ({
        md: `*${e.title}*: ${e.how}`,
        plain: `${e.title}: ${e.how}`,
      })),
    });
  }
  if (has('ownWords') && summary.ownWords.length > 0) {
    parts.push({
      key: 'ownWords',
      title: SECTION_TITLES.ownWords,
      lines: summary.ownWords.map((w) => ({ md: w.label, plain: w.label, quote: w.text })),
    });
  }
  return parts;
}

/** Copy in prompts/ is ours and carries no Slack control characters; labels are escaped anyway. */
function escapeForMd(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface BriefTextOptions {
  /** The reader's zone for the date line; UTC when unknown. */
  tz?: string;
}

/**
 * The brief as plain Markdown, for pasting into a 1:1 doc. Not mrkdwn: nothing here is escaped
 * for Slack, because it is shown inside a code block or copied out of Slack entirely.
 */
export function renderBriefText(
  summary: SummaryModel,
  include: readonly ShareableSection[] = SHAREABLE_SECTIONS,
  options: BriefTextOptions = {},
): string {
  const lines: string[] = [
    '# Staff or EM: my brief for our 1:1',
    '',
    `${BRIEF_LABELS.written} ${plainDay(summary.writtenAt, options.tz ?? 'UTC')}`,
  ];
  for (const part of briefParts(summary, include)) {
    lines.push('');
    if (part.title) lines.push(`## ${part.title}`);
    part.lines.forEach((line, i) => {
      const text = line.plain.replace(/\*/g, '');
      const quote = line.quote !== undefined ? `"${line.quote}"` : '';
      const body = [text, quote].filter(Boolean).join(text ? ': ' : '');
      if (!part.title) lines.push(body);
      else lines.push(part.numbered ? `${i + 1}. ${body}` : `- ${body}`);
    });
  }
  return lines.join('\n');
}
