// The whole run under the stage: the time slider, the space-time diagram (every frame), the
// clock chart and metrics (redrawn a few times a second while playing: they re-render only
// when the store's refresh key moves), and the trace files.
// All of them read the store's run index, which folds each trace event once as it arrives:
// no view re-reads or copies the trace. While the page is scrubbed into the past every view
// shows that moment: the diagram and the chart are cut at it, the metrics are those of then.

import { useCallback, useMemo } from 'react';
import { algorithmFor, type Scenario } from '../../core/index.ts';
import { findPreset } from '../../scenarios/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import type { TimeAxis } from '../../store/spacetime-model.ts';
import {
  selectCursor,
  selectMetrics,
  selectNameOf,
  selectReadout,
  selectRefresh,
  selectRefreshedNow,
  selectRunIndex,
  selectScenario,
  selectTraceVersion,
} from '../../store/selectors.ts';
import { ClockChart } from '../../views/charts/ClockChart.tsx';
import { MetricsPanel } from '../../views/metrics/MetricsPanel.tsx';
import { SpaceTime } from '../../views/timeline/SpaceTime.tsx';
import { RetentionNote } from '../../views/timeline/RetentionNote.tsx';
import { TimeSlider } from '../../views/timeline/TimeSlider.tsx';
import { TraceFiles } from '../../views/timeline/TraceFiles.tsx';
import { customFromId } from './lab-url.ts';

const resolveScenario = (id: string): Scenario | null => findPreset(id) ?? customFromId(id);

/**
 * The diagram: its text follows the readout time (ten times a second while playing), its canvas
 * every frame through a store subscription, so neither it nor the rest of the run views
 * re-render every frame.
 */
function LiveSpaceTime(props: Omit<Parameters<typeof SpaceTime>[0], 'now' | 'version' | 'onSeek' | 'follow'>) {
  const store = useLabStoreApi();
  const now = useLab(selectReadout);
  const version = useLab(selectTraceVersion);
  const onSeek = useCallback((t: number) => store.getState().seek(t), [store]);
  const follow = useMemo(
    () => ({
      current: () => store.getState().now,
      subscribe: (listener: (now: number) => void) => {
        let last = store.getState().now;
        return store.subscribe((s) => {
          if (s.now === last) return;
          last = s.now;
          listener(last);
        });
      },
    }),
    [store],
  );
  return <SpaceTime {...props} now={now} version={version} onSeek={onSeek} follow={follow} />;
}

export function RunViews() {
  const index = useLab(selectRunIndex);
  const scenario = useLab(selectScenario);
  const now = useLab(selectRefreshedNow);
  const refresh = useLab(selectRefresh);
  const metrics = useLab(selectMetrics);
  const nameOf = useLab(selectNameOf);
  const cursor = useLab(selectCursor);
  const diagram = useCallback((axis: TimeAxis) => (index as NonNullable<typeof index>).diagram(axis), [index]);
  const eventAt = useCallback((i: number) => index?.eventAt(i), [index]);
  // The events folded so far (an imported trace is folded a slice at a time), or those before the cursor.
  const shownEvents = useCallback(() => index?.events(cursor?.index ?? index.length) ?? [], [index, cursor]);
  if (!index || !scenario || !metrics) return null;
  const definition = algorithmFor(scenario.algorithm.id);
  return (
    <section className="run-views" aria-label="The whole run">
      <TimeSlider />
      <RetentionNote />
      <LiveSpaceTime diagram={diagram} eventAt={eventAt} nameOf={nameOf} logical={index.logical} algorithm={scenario.algorithm.id} />
      <div className="run-views-row">
        {definition.drawsClocks && (
          <ClockChart
            clocks={index.clocks}
            refresh={refresh}
            nameOf={nameOf}
            now={now}
            reference={definition.reference(scenario.algorithm.settings)}
          />
        )}
        <MetricsPanel
          metrics={metrics}
          nameOf={nameOf}
          algorithm={scenario.algorithm}
          nodeCount={scenario.nodes.length}
          events={shownEvents}
        />
      </div>
      <TraceFiles nameOf={nameOf} resolveScenario={resolveScenario} />
    </section>
  );
}
