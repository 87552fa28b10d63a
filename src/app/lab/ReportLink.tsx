// A link from the lab to the run report (run.html), which runs the same preset and seed to its
// end on the worker host and lists every node's outcome and the whole log; the report links
// back. Relative, so it works wherever the build is served. A custom setup is not a preset the
// report knows, so it opens the report's own default.

import { findPreset } from '../../scenarios/index.ts';
import { useLab } from '../../store/context.tsx';
import { selectScenario, selectSeed } from '../../store/selectors.ts';
import { labSearch } from '../url-state.ts';

export function ReportLink() {
  const scenario = useLab(selectScenario);
  const seed = useLab(selectSeed);
  const preset = scenario && findPreset(scenario.id) ? scenario.id : null;
  const href = preset === null ? 'run.html' : `run.html${labSearch({ scenarioId: preset, seed })}`;
  return (
    <a
      className="report-link"
      data-testid="report-link"
      href={href}
      title="This preset and seed run to the end, with every node's outcome and the whole log"
    >
      Run report
    </a>
  );
}
