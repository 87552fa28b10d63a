// The whole run under the stage: the space-time diagram (every frame: it reads only new
// events), and the clock chart and metrics (re-derived every 250 simulated ms, from a
// snapshot of the trace, since they re-read all of it).

import { useMemo } from 'react';
import type { Scenario } from '../../core/scenario.ts';
import type { NodeId } from '../../core/time.ts';
import type { TraceEvent } from '../../core/trace.ts';
import type { LiveRunner } from '../../hosts/live.ts';
import { useLab } from '../../store/context.tsx';
import { selectNow, selectPlaying, selectRunner, selectScenario } from '../../store/selectors.ts';
import { ClockChart } from '../../views/charts/ClockChart.tsx';
import { MetricsPanel } from '../../views/metrics/MetricsPanel.tsx';
import { SpaceTime } from '../../views/timeline/SpaceTime.tsx';

function referenceOf(scenario: Scenario): NodeId | null {
  const spec = scenario.algorithm;
  if (spec.id === 'cristian') return spec.settings.serverId;
  if (spec.id === 'berkeley') return spec.settings.masterId;
  return null;
}

const NO_EVENTS: readonly TraceEvent[] = [];
const snapshots = new WeakMap<LiveRunner, { bucket: number; events: readonly TraceEvent[] }>();

/** A copy of the trace taken at most once per 250 simulated ms (a stable array for memoised views). */
function snapshotOf(runner: LiveRunner, bucket: number): readonly TraceEvent[] {
  const cached = snapshots.get(runner);
  if (cached && cached.bucket === bucket) return cached.events;
  const events = runner.trace().slice();
  snapshots.set(runner, { bucket, events });
  return events;
}

export function RunViews() {
  const runner = useLab(selectRunner);
  const scenario = useLab(selectScenario);
  const now = useLab(selectNow);
  const playing = useLab(selectPlaying);
  // While playing, refresh every 250 simulated ms; when stopped, whenever the trace grew (a step).
  const key = playing ? Math.floor(now / 250) : -1 - (runner?.trace().length ?? 0);
  const snapshot = runner ? snapshotOf(runner, key) : NO_EVENTS;
  const nameOf = useMemo(() => {
    const names = new Map(scenario?.nodes.map((n) => [n.id, n.name]));
    return (id: NodeId) => names.get(id) ?? `P${id}`;
  }, [scenario]);
  if (!runner || !scenario) return null;
  const clocks = scenario.algorithm.id === 'cristian' || scenario.algorithm.id === 'berkeley';
  return (
    <section className="run-views" aria-label="The whole run">
      <SpaceTime events={runner.trace()} nameOf={nameOf} now={now} />
      <div className="run-views-row">
        {clocks && <ClockChart events={snapshot} nameOf={nameOf} now={now} reference={referenceOf(scenario)} />}
        <MetricsPanel events={snapshot} algorithm={scenario.algorithm} nodeCount={scenario.nodes.length} nameOf={nameOf} />
      </div>
    </section>
  );
}
