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
      aria-label="Run report"
      title="This preset and seed run to the end, with every node's outcome and the whole log"
    >
      <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <path d="M3 1 H10 L13 4 V15 H3 Z M4.5 2.5 V13.5 H11.5 V5 H9 V2.5 Z M6 7 H10 V8.2 H6 Z M6 9.5 H10 V10.7 H6 Z" fill="currentColor" />
      </svg>{' '}
      <span className="label">Run report</span>
    </a>
  );
}
