import type { ContentGraph } from './content.ts';
import type { LeanId, SummaryCopy } from './content-schema.ts';
import type { Session } from './session.ts';

export type Strength = 'strong' | 'moderate' | 'slight';

export interface Score {
  staff: number;
  em: number;
  answered: number;
  lean: LeanId;
  strength: Strength | null;
}

/** The rule documented in prompts/README.md; change both together. */
export function scoreSession(graph: ContentGraph, copy: SummaryCopy, session: Session): Score {
  let staff = 0;
  let em = 0;
  let answered = 0;
  for (const stepId of graph.path(session.choices)) {
    const step = graph.step(stepId);
    const optionId = session.choices[stepId];
    if (step?.kind !== 'choice' || optionId === undefined) continue;
    const option = step.options.find((o) => o.id === optionId);
    if (!option) continue;
    answered += 1;
    staff += option.signals.staff;
    em += option.signals.em;
  }
  const { margins, eitherFloor, minAnswered } = copy.scoring;
  const base = { staff, em, answered };
  if (answered < minAnswered) return { ...base, lean: 'unclear', strength: null };
  const margin = staff - em;
  const size = Math.abs(margin);
  if (size >= margins.slight) {
    const strength: Strength =
      size >= margins.strong ? 'strong' : size >= margins.moderate ? 'moderate' : 'slight';
    return { ...base, lean: margin > 0 ? 'staff' : 'em', strength };
  }
  if (staff >= eitherFloor && em >= eitherFloor) return { ...base, lean: 'either', strength: null };
  return { ...base, lean: 'unclear', strength: null };
}
