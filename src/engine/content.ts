import type { z } from 'zod';
import { checkinCrossCheck, checkinSchema } from './checkin-schema.ts';
import {
  type Condition,
  type Content,
  type Exchange,
  exchangeSchema,
  type Step,
  SUMMARY_TARGET,
  type SummaryCopy,
  summarySchema,
} from './content-schema.ts';

/** One problem found in the content, located precisely enough to fix without a debugger. */
export interface ContentProblem {
  file: string;
  path: string;
  message: string;
}

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.path || '(root)'}: ${p.message}`).join('\n'));
    this.name = 'ContentError';
  }
}

export interface RawContent {
  exchange: { file: string; data: unknown };
  summary: { file: string; data: unknown };
  checkin: { file: string; data: unknown };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function zodProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => ({
    file,
    path: formatPath(issue.path),
    message: issue.message,
  }));
}

/** Validates both files, then the links between them; throws one ContentError listing every problem. */
export function parseContent(raw: RawContent): Content {
  const exchange = exchangeSchema.safeParse(raw.exchange.data);
  const summary = summarySchema.safeParse(raw.summary.data);
  const checkin = checkinSchema.safeParse(raw.checkin.data);
  const problems: ContentProblem[] = [];
  if (!exchange.success) problems.push(...zodProblems(raw.exchange.file, exchange.error));
  if (!summary.success) problems.push(...zodProblems(raw.summary.file, summary.error));
  if (!checkin.success) problems.push(...zodProblems(raw.checkin.file, checkin.error));
  if (exchange.success && summary.success) {
    problems.push(...crossCheck(raw.exchange.file, exchange.data, raw.summary.file, summary.data));
  }
  if (checkin.success) {
    problems.push(
      ...checkinCrossCheck(checkin.data).map((p) => ({ file: raw.checkin.file, ...p })),
    );
  }
  if (problems.length > 0 || !exchange.success || !summary.success || !checkin.success) {
    throw new ContentError(problems);
  }
  return { exchange: exchange.data, summary: summary.data, checkin: checkin.data };
}

function crossCheck(
  exchangeFile: string,
  exchange: Exchange,
  summaryFile: string,
  summary: SummaryCopy,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const stepIds = new Set<string>();
  exchange.steps.forEach((step, i) => {
    if (stepIds.has(step.id)) {
      problems.push({
        file: exchangeFile,
        path: `steps[${i}].id`,
        message: `duplicate step id "${step.id}"`,
      });
    }
    stepIds.add(step.id);
  });
  const misconceptionIds = new Set(summary.misconceptions.map((m) => m.id));
  const answerKeys = new Set<string>();
  const target = (t: string | undefined, path: string) => {
    if (t !== undefined && t !== SUMMARY_TARGET && !stepIds.has(t)) {
      problems.push({
        file: exchangeFile,
        path,
        message: `points to "${t}", which is neither a step id nor "${SUMMARY_TARGET}"`,
      });
    }
  };
  if (exchange.start !== undefined) target(exchange.start, 'start');
  exchange.steps.forEach((step, i) => {
    if (step.kind === 'text') {
      target(step.next, `steps[${i}].next`);
      return;
    }
    const optionIds = new Set<string>();
    step.options.forEach((option, j) => {
      const path = `steps[${i}].options[${j}]`;
      if (optionIds.has(option.id)) {
        problems.push({
          file: exchangeFile,
          path: `${path}.id`,
          message: `duplicate option id "${option.id}" in step "${step.id}"`,
        });
      }
      optionIds.add(option.id);
      answerKeys.add(`${step.id}.${option.id}`);
      target(option.next, `${path}.next`);
      option.misconceptions.forEach((m, k) => {
        if (!misconceptionIds.has(m)) {
          problems.push({
            file: exchangeFile,
            path: `${path}.misconceptions[${k}]`,
            message: `unknown misconception "${m}" (not in ${summaryFile})`,
          });
        }
      });
    });
  });
  if (exchange.steps.filter((s) => s.kind === 'text').length > 2) {
    problems.push({ file: exchangeFile, path: 'steps', message: 'at most two free-text steps' });
  }
  // What check-ins showed is matched like an answer: `checkins.energy-<option>`, `checkins.toward-<track>`.
  for (const id of Object.keys(summary.evidence?.energyWhat ?? {}))
    answerKeys.add(`checkins.energy-${id}`);
  answerKeys.add('checkins.toward-staff');
  answerKeys.add('checkins.toward-em');
  const tensionIds = new Set(summary.tensions.map((t) => t.id));
  const checkKeys = (keys: readonly string[], path: string) => {
    for (const key of keys) {
      if (!answerKeys.has(key))
        problems.push({
          file: summaryFile,
          path,
          message: `"${key}" is not a step-id.option-id in ${exchangeFile}`,
        });
    }
  };
  for (const [i, t] of summary.tensions.entries())
    checkKeys(t.when.answers ?? [], `tensions[${i}].when.answers`);
  for (const track of ['staff', 'em'] as const)
    for (const [i, r] of summary.roles[track].entries())
      checkKeys(Object.keys(r.answers), `roles.${track}[${i}].answers`);
  const checkCondition = (when: Condition | undefined, path: string) => {
    when?.tensions?.forEach((t, k) => {
      if (!tensionIds.has(t))
        problems.push({
          file: summaryFile,
          path: `${path}.when.tensions[${k}]`,
          message: `unknown tension "${t}"`,
        });
    });
    when?.answers?.forEach((key, k) => {
      if (!answerKeys.has(key)) {
        problems.push({
          file: summaryFile,
          path: `${path}.when.answers[${k}]`,
          message: `"${key}" is not a step-id.option-id in ${exchangeFile}`,
        });
      }
    });
    when?.misconceptions?.forEach((m, k) => {
      if (!misconceptionIds.has(m)) {
        problems.push({
          file: summaryFile,
          path: `${path}.when.misconceptions[${k}]`,
          message: `unknown misconception "${m}"`,
        });
      }
    });
  };
  for (const [i, t] of summary.talkingPoints.entries()) {
    checkCondition(t.when, `talkingPoints[${i}]`);
    checkCondition(t.unless, `talkingPoints[${i}].unless`);
  }
  for (const [i, e] of summary.experiments.entries()) {
    checkCondition(e.when, `experiments[${i}]`);
    checkCondition(e.unless, `experiments[${i}].unless`);
  }
  if (summary.talkingPoints.filter((t) => !t.when && t.needs.length === 0).length < 3) {
    problems.push({
      file: summaryFile,
      path: 'talkingPoints',
      message:
        'needs at least 3 talking points without "when" or "needs", so every summary has 3 wherever the user works',
    });
  }
  for (const probe of ['staff', 'em'] as const) {
    if (!summary.experiments.some((e) => e.probes === probe)) {
      problems.push({
        file: summaryFile,
        path: 'experiments',
        message: `needs at least one experiment that probes "${probe}"`,
      });
    }
  }
  const { slight, moderate, strong } = summary.scoring.margins;
  if (!(slight <= moderate && moderate <= strong)) {
    problems.push({
      file: summaryFile,
      path: 'scoring.margins',
      message: 'must satisfy slight <= moderate <= strong',
    });
  }
  if (stepIds.size === exchange.steps.length)
    problems.push(...cycleProblems(exchangeFile, exchange));
  return problems;
}

/** A loop in the exchange would trap a user forever; reject it at startup. */
function cycleProblems(file: string, exchange: Exchange): ContentProblem[] {
  const graph = new ContentGraph(exchange);
  const state = new Map<string, 'open' | 'done'>();
  const problems: ContentProblem[] = [];
  const visit = (id: string, trail: string[]) => {
    if (id === SUMMARY_TARGET || state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      problems.push({
        file,
        path: 'steps',
        message: `the steps loop: ${[...trail, id].join(' → ')}`,
      });
      return;
    }
    state.set(id, 'open');
    for (const next of graph.successors(id)) visit(next, [...trail, id]);
    state.set(id, 'done');
  };
  visit(graph.startId, []);
  return problems;
}

/** Navigation over the exchange's steps: what comes next, and the path a set of answers takes. */
export class ContentGraph {
  private readonly byId = new Map<string, Step>();
  private readonly order = new Map<string, number>();
  readonly startId: string;

  constructor(readonly exchange: Exchange) {
    exchange.steps.forEach((step, i) => {
      this.byId.set(step.id, step);
      this.order.set(step.id, i);
    });
    this.startId = exchange.start ?? exchange.steps[0]?.id ?? SUMMARY_TARGET;
  }

  step(id: string): Step | undefined {
    return this.byId.get(id);
  }

  private following(id: string): string {
    const i = this.order.get(id);
    return (i === undefined ? undefined : this.exchange.steps[i + 1]?.id) ?? SUMMARY_TARGET;
  }

  /** Where the step leads, given its chosen option (if any). */
  next(id: string, optionId?: string): string {
    const step = this.byId.get(id);
    if (!step) return SUMMARY_TARGET;
    if (step.kind === 'choice') {
      const option = step.options.find((o) => o.id === optionId);
      return option?.next ?? this.following(id);
    }
    return step.next ?? this.following(id);
  }

  successors(id: string): string[] {
    const step = this.byId.get(id);
    if (!step) return [];
    if (step.kind === 'text') return [this.next(id)];
    return [...new Set(step.options.map((o) => this.next(id, o.id)))];
  }

  /** The steps a user walks with these choices; unanswered branches take the default. */
  path(choices: Readonly<Record<string, string>>): string[] {
    const path: string[] = [];
    const seen = new Set<string>();
    let id = this.startId;
    while (id !== SUMMARY_TARGET && this.byId.has(id) && !seen.has(id)) {
      seen.add(id);
      path.push(id);
      id = this.next(id, choices[id]);
    }
    return path;
  }

  /** Every step reachable from the start, for content tests and the "change an answer" list. */
  reachable(): Set<string> {
    const seen = new Set<string>();
    const stack = [this.startId];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === SUMMARY_TARGET || seen.has(id)) continue;
      seen.add(id);
      stack.push(...this.successors(id));
    }
    return seen;
  }
}
