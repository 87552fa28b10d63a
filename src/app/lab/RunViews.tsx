// The whole run under the stage: the time slider, the space-time diagram (every frame: it
// reads only new events), the clock chart and metrics (re-derived every 250 simulated ms,
// from a snapshot of the trace, since they re-read all of it), and the trace files. While
// the page is scrubbed into the past every view shows that moment: the diagram is cut at
// it, the chart and metrics read the trace up to it.

import { algorithmFor, type Scenario, type TraceEvent } from '../../core/index.ts';
import type { LiveRunner } from '../../hosts/live.ts';
import { findPreset } from '../../scenarios/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectCursor, selectNameOf, selectNow, selectPlaying, selectRunner, selectScenario } from '../../store/selectors.ts';
import { ClockChart } from '../../views/charts/ClockChart.tsx';
import { MetricsPanel } from '../../views/metrics/MetricsPanel.tsx';
import { SpaceTime } from '../../views/timeline/SpaceTime.tsx';
import { TimeSlider } from '../../views/timeline/TimeSlider.tsx';
import { TraceFiles } from '../../views/timeline/TraceFiles.tsx';
import { customFromId } from './lab-url.ts';

const resolveScenario = (id: string): Scenario | null => findPreset(id) ?? customFromId(id);

const NO_EVENTS: readonly TraceEvent[] = [];
const snapshots = new WeakMap<LiveRunner, { key: string; events: readonly TraceEvent[] }>();

/** A copy of (a prefix of) the trace, taken once per key (a stable array for memoised views). */
function snapshotOf(runner: LiveRunner, key: string, length?: number): readonly TraceEvent[] {
  const cached = snapshots.get(runner);
  if (cached && cached.key === key) return cached.events;
  const events = runner.trace().slice(0, length);
  snapshots.set(runner, { key, events });
  return events;
}

export function RunViews() {
  const store = useLabStoreApi();
  const runner = useLab(selectRunner);
  const scenario = useLab(selectScenario);
  const now = useLab(selectNow);
  const playing = useLab(selectPlaying);
  const cursor = useLab(selectCursor);
  // In the past: the trace up to the cursor. While playing, refresh every 250 simulated ms;
  // when stopped, whenever the trace grew (a step).
  const key = cursor ? `past:${cursor.index}` : playing ? `play:${Math.floor(now / 250)}` : `stopped:${runner?.trace().length ?? 0}`;
  const snapshot = runner ? snapshotOf(runner, key, cursor?.index) : NO_EVENTS;
  // The chart's time moves with its snapshot, so the memoised chart skips the other frames.
  const chartNow = !cursor && playing ? Math.floor(now / 250) * 250 : now;
  const nameOf = useLab(selectNameOf);
  if (!runner || !scenario) return null;
  const definition = algorithmFor(scenario.algorithm.id);
  return (
    <section className="run-views" aria-label="The whole run">
      <TimeSlider />
      <SpaceTime events={runner.trace()} nameOf={nameOf} now={now} onSeek={(t) => store.getState().seek(t)} />
      <div className="run-views-row">
        {definition.drawsClocks && (
          <ClockChart events={snapshot} nameOf={nameOf} now={chartNow} reference={definition.reference(scenario.algorithm.settings)} />
        )}
        <MetricsPanel events={snapshot} algorithm={scenario.algorithm} nodeCount={scenario.nodes.length} nameOf={nameOf} />
      </div>
      <TraceFiles nameOf={nameOf} resolveScenario={resolveScenario} />
    </section>
  );
}
