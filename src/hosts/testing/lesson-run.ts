// What the lesson tests read a lesson against: the real run of its preset on the inline host,
// named as the page names it, and the choice each prediction's outcome gives on that run.

import { type Lesson, locateCues, type NodeId, type RunContext, type Scenario, stepContext, type UserAction } from '../../core/index.ts';
import { simulateInline } from '../inline.ts';

export function lessonRun(scenario: Scenario, seed: number, actions: readonly UserAction[] = [], until?: number): RunContext {
  const { events } = simulateInline(scenario, seed, { actions, ...(until !== undefined ? { until } : {}) });
  const names = new Map(scenario.nodes.map((n) => [n.id, n.name]));
  return { events, scenario, nameOf: (id: NodeId) => names.get(id) ?? `P${id}` };
}

/** Each prediction's id and the choice the run gives it (undefined where the run has no answer). */
export function predictedAnswers(lesson: Lesson, ctx: RunContext): Record<string, string | undefined> {
  const cues = locateCues(lesson, ctx);
  return Object.fromEntries(
    lesson.steps.flatMap((step, i) =>
      step.predict && i < cues.length ? [[step.predict.id, step.predict.outcome(stepContext(ctx, cues, i))?.choice]] : [],
    ),
  );
}
