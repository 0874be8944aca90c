import { ContentGraph } from './content.ts';
import { type Content, SKIPPED_OPTION, type Step } from './content-schema.ts';
import { type Score, scoreSession } from './scoring.ts';
import { AT_SUMMARY, isAnswered, type Session } from './session.ts';
import { buildSummary, type SummaryModel, type SummaryOptions } from './summary.ts';

/** What a button carries back so a click from an old message can be told apart. */
export interface Ref {
  session: string;
  step: string;
  rev: number;
}

export type EngineEvent =
  /** Resume where they were, or begin if there is nothing to resume. */
  | { type: 'start' }
  /**
   * Throw the current run away and begin again. A button carries `ref`, and then it must come
   * from the current run (an old summary's Start over changes nothing); a typed `reset` has none.
   */
  | { type: 'restart'; ref?: Ref }
  | { type: 'choose'; ref: Ref; option: string }
  | { type: 'write'; ref: Ref; text: string }
  /** Words typed in the DM: they answer the current text step, if that is where the user is. */
  | { type: 'reply'; text: string }
  | { type: 'skip'; ref: Ref }
  | { type: 'back'; ref: Ref }
  | { type: 'pause'; ref: Ref }
  /** From the summary: revisit one step, then come back. */
  | { type: 'edit'; ref: Ref; step: string }
  /** Changing one answer, changed their mind: back to the brief with every answer as it was. */
  | { type: 'keep'; ref: Ref }
  /** Show whatever is current (the "take me there" button on a stale notice). */
  | { type: 'show' };

export interface StepView {
  kind: 'step';
  sessionId: string;
  rev: number;
  step: Step;
  /** 1-based position on the user's path, and the path's length: "step 3 of 8". */
  index: number;
  total: number;
  chosen?: string;
  text?: string;
  canGoBack: boolean;
  editing: boolean;
}

export interface SummaryView {
  kind: 'summary';
  sessionId: string;
  rev: number;
  summary: SummaryModel;
  /** Steps that can be changed from the summary, in path order. */
  editable: { id: string; title: string }[];
}

export type CurrentView = StepView | SummaryView;

export type Outcome =
  | { type: 'show'; view: CurrentView; resumed: boolean; started: boolean }
  | { type: 'paused'; view: StepView }
  /** The click came from an out-of-date message: nothing changed. */
  | { type: 'stale'; view: CurrentView | null }
  /** A DM message that is not an answer (not on a text step). */
  | { type: 'not-an-answer'; view: CurrentView | null }
  /** A DM answer longer than the step keeps: nothing saved, the user is asked to shorten it. */
  | { type: 'too-long'; view: StepView; length: number; max: number };

export interface Result {
  session: Session | null;
  outcome: Outcome;
  /** True when the session changed and must be saved. */
  changed: boolean;
}

export interface Context {
  now: number;
  /** Used only when a new session begins; the engine has no randomness of its own. */
  newId: string;
}

/** Typed text as it is kept: trimmed, with runs of whitespace as one space. */
export function normalizeText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** The user's words, kept to the step's limit; longer text is cut with a visible ellipsis. */
export function clipText(text: string, max: number): string {
  const clean = normalizeText(text);
  if (clean.length <= max) return clean;
  let cut = max - 1;
  // Never end on half of an emoji's surrogate pair.
  if (/[\uD800-\uDBFF]/.test(clean.charAt(cut - 1))) cut -= 1;
  return `${clean.slice(0, cut).trimEnd()}…`;
}

export class Engine {
  readonly graph: ContentGraph;

  constructor(readonly content: Content) {
    this.graph = new ContentGraph(content.exchange);
  }

  newSession(ctx: Context): Session {
    return {
      id: ctx.newId,
      rev: 0,
      status: 'active',
      current: this.graph.startId,
      choices: {},
      texts: {},
      editing: false,
      startedAt: ctx.now,
      updatedAt: ctx.now,
    };
  }

  /** What to show; pass the check-in history so the brief's evidence and talking points follow it. */
  view(session: Session, options: SummaryOptions = {}): CurrentView {
    if (session.current === AT_SUMMARY) {
      return {
        kind: 'summary',
        sessionId: session.id,
        rev: session.rev,
        summary: buildSummary(this.content, this.graph, session, options),
        editable: this.graph
          .path(session.choices)
          .map((id) => this.graph.step(id))
          .filter((s): s is Step => s !== undefined)
          .map((s) => ({ id: s.id, title: s.title })),
      };
    }
    const path = this.graph.path(session.choices);
    const index = path.indexOf(session.current);
    const step = this.graph.step(session.current) as Step;
    return {
      kind: 'step',
      sessionId: session.id,
      rev: session.rev,
      step,
      index: index + 1,
      total: path.length,
      chosen: session.choices[step.id] === SKIPPED_OPTION ? undefined : session.choices[step.id],
      text: session.texts[step.id] || undefined,
      canGoBack: index > 0 && !session.editing,
      editing: session.editing,
    };
  }

  /** The brief; pass the user's check-in history so "What the last weeks showed" can speak. */
  summary(session: Session, options: SummaryOptions = {}): SummaryModel {
    return buildSummary(this.content, this.graph, session, options);
  }

  /** The lean and its strength alone: what the brief says it points toward, without the brief. */
  score(session: Session): Score {
    return scoreSession(this.graph, this.content.summary, session);
  }

  /** A session is valid when it points at a step on its own path, or at the summary when complete. */
  isValid(session: Session): boolean {
    if (session.current === AT_SUMMARY) return session.status === 'complete';
    return this.graph.path(session.choices).includes(session.current);
  }

  advance(session: Session | null, event: EngineEvent, ctx: Context): Result {
    switch (event.type) {
      case 'start':
        if (session) {
          const resumed = session.status === 'paused' || session.status === 'active';
          const next =
            session.status === 'paused'
              ? this.touch({ ...session, status: 'active' }, ctx)
              : session;
          return {
            session: next,
            outcome: { type: 'show', view: this.view(next), resumed, started: false },
            changed: next !== session,
          };
        }
        return this.begin(ctx);
      case 'restart':
        if (event.ref && !this.isCurrent(session, event.ref)) {
          return {
            session,
            outcome: { type: 'stale', view: session ? this.view(session) : null },
            changed: false,
          };
        }
        return this.begin(ctx);
      case 'show':
        return {
          session,
          outcome: session
            ? { type: 'show', view: this.view(session), resumed: true, started: false }
            : { type: 'stale', view: null },
          changed: false,
        };
      case 'reply': {
        const step =
          session && session.status !== 'complete' ? this.graph.step(session.current) : undefined;
        if (!session || step?.kind !== 'text') {
          return {
            session,
            outcome: { type: 'not-an-answer', view: session ? this.view(session) : null },
            changed: false,
          };
        }
        // Never cut someone's words mid-sentence behind their back: too long is asked again.
        const length = normalizeText(event.text).length;
        if (length > step.maxLength) {
          return {
            session,
            outcome: {
              type: 'too-long',
              view: this.view(session) as StepView,
              length,
              max: step.maxLength,
            },
            changed: false,
          };
        }
        const active =
          session.status === 'paused' ? { ...session, status: 'active' as const } : session;
        return this.answer(active, step, { text: clipText(event.text, step.maxLength) }, ctx);
      }
      default:
        break;
    }
    if (!session || !this.isCurrent(session, event.ref)) {
      return {
        session,
        outcome: { type: 'stale', view: session ? this.view(session) : null },
        changed: false,
      };
    }
    if (event.type === 'edit') {
      if (!this.graph.path(session.choices).includes(event.step)) {
        return { session, outcome: { type: 'stale', view: this.view(session) }, changed: false };
      }
      const next = this.touch(
        { ...session, current: event.step, editing: true, status: 'active' },
        ctx,
      );
      return { session: next, outcome: this.shown(next), changed: true };
    }
    if (event.type === 'keep') {
      const path = this.graph.path(session.choices);
      if (!session.editing || !path.every((id) => isAnswered(session, id))) {
        return { session, outcome: { type: 'stale', view: this.view(session) }, changed: false };
      }
      const next = this.touch(
        { ...session, current: AT_SUMMARY, editing: false, status: 'complete' },
        ctx,
      );
      return { session: next, outcome: this.shown(next), changed: true };
    }
    const step = this.graph.step(session.current);
    if (!step)
      return { session, outcome: { type: 'stale', view: this.view(session) }, changed: false };
    switch (event.type) {
      case 'choose': {
        if (step.kind !== 'choice' || !step.options.some((o) => o.id === event.option)) {
          return { session, outcome: { type: 'stale', view: this.view(session) }, changed: false };
        }
        return this.answer(session, step, { option: event.option }, ctx);
      }
      case 'write':
        if (step.kind !== 'text')
          return { session, outcome: { type: 'stale', view: this.view(session) }, changed: false };
        return this.answer(session, step, { text: clipText(event.text, step.maxLength) }, ctx);
      case 'skip':
        if (step.kind === 'choice' && step.optional)
          return this.answer(session, step, { option: SKIPPED_OPTION }, ctx);
        if (step.kind !== 'text')
          return { session, outcome: { type: 'stale', view: this.view(session) }, changed: false };
        // With words already written the button reads "Keep it": moving on must not erase them.
        return this.answer(session, step, { text: session.texts[step.id] ?? '' }, ctx);
      case 'back': {
        const path = this.graph.path(session.choices);
        const previous = path[path.indexOf(session.current) - 1];
        if (!previous || session.editing)
          return { session, outcome: this.shown(session), changed: false };
        const next = this.touch({ ...session, current: previous }, ctx);
        return { session: next, outcome: this.shown(next), changed: true };
      }
      case 'pause': {
        const next = this.touch({ ...session, status: 'paused' }, ctx);
        return {
          session: next,
          outcome: { type: 'paused', view: this.view(next) as StepView },
          changed: true,
        };
      }
    }
  }

  private begin(ctx: Context): Result {
    const session = this.newSession(ctx);
    return {
      session,
      outcome: { type: 'show', view: this.view(session), resumed: false, started: true },
      changed: true,
    };
  }

  private shown(session: Session): Outcome {
    return { type: 'show', view: this.view(session), resumed: false, started: false };
  }

  /** Whether a button or modal carrying `ref` was rendered from this very state of the session. */
  isCurrent(session: Session | null | undefined, ref: Ref): session is Session {
    if (!session) return false;
    return ref.session === session.id && ref.rev === session.rev && ref.step === session.current;
  }

  private touch(session: Session, ctx: Context): Session {
    return { ...session, rev: session.rev + 1, updatedAt: ctx.now };
  }

  private answer(
    session: Session,
    step: Step,
    value: { option: string } | { text: string },
    ctx: Context,
  ): Result {
    const choices = { ...session.choices };
    const texts = { ...session.texts };
    if ('option' in value) choices[step.id] = value.option;
    else texts[step.id] = value.text;
    const path = this.graph.path(choices);
    const after = path.slice(path.indexOf(step.id) + 1);
    // Changing one answer from the summary should not march the user through every later step.
    const upcoming = session.editing
      ? after.find((id) => !isAnswered({ ...session, choices, texts }, id))
      : after[0];
    const done = upcoming === undefined;
    const next = this.touch(
      {
        ...session,
        choices,
        texts,
        current: done ? AT_SUMMARY : upcoming,
        status: done ? 'complete' : 'active',
        editing: done ? false : session.editing,
        completedAt: done ? ctx.now : session.completedAt,
      },
      ctx,
    );
    return { session: next, outcome: this.shown(next), changed: true };
  }
}
