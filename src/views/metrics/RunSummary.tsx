// What was run: the preset, its lab question, the seed and how far it ran.

import type { LabRun } from '../../app/run-preset.ts';
import { formatSeconds } from '../../core/describe-event.ts';

export function RunSummary({ run }: { run: LabRun }) {
  const { scenario } = run;
  return (
    <section className="panel run-summary" aria-labelledby="run-heading">
      <h2 id="run-heading">{scenario.title}</h2>
      <p>{scenario.summary}</p>
      <p className="run-facts">
        {scenario.lab ? <span>Lab {scenario.lab}</span> : null}
        <span>{scenario.algorithm.id}</span>
        <span>seed {run.seed}</span>
        <span>state at {formatSeconds(run.untilMs)}</span>
      </p>
    </section>
  );
}
