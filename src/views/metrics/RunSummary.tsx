// What was run: the preset, its lab question, the seed and how far it ran.

import { formatSeconds, type RunOutcome } from '../../core/index.ts';

export function RunSummary({ run }: { run: RunOutcome }) {
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
