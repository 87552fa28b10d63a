// Named selectors. Components select only what they draw: a node glyph selects its own
// node (an object that keeps its identity until that node changes), the message layer the
// messages and the time, the controls the playback flags.

import { namer, type NameOf, type NodeId, rateOf } from '../core/index.ts';
import type { Metrics } from './metrics-model.ts';
import type { LabState } from './slices.ts';
import type { InFlight, LogLine, NodeState, TraceView } from './trace-view.ts';

const EMPTY_IDS: readonly NodeId[] = [];
const EMPTY_MESSAGES: readonly InFlight[] = [];
const EMPTY_LOG: readonly LogLine[] = [];

export const selectRunner = (s: LabState) => s.runner;
export const selectRunId = (s: LabState) => s.runId;
export const selectScenario = (s: LabState) => s.scenario;
export const selectSeed = (s: LabState) => s.seed;
export const selectPlaying = (s: LabState) => s.playing;
export const selectSpeed = (s: LabState) => s.speed;
export const selectNow = (s: LabState) => s.now;
/** True time for text: `now`, moved on about ten times a second while playing (PlaybackSlice.readout). */
export const selectReadout = (s: LabState) => s.readout;
export const selectFinished = (s: LabState) => s.finished;
/** Why the run stopped if the runner itself failed, or null. */
export const selectFailure = (s: LabState) => s.failure;
export const selectSelected = (s: LabState) => s.selected;
export const selectHelpOpen = (s: LabState) => s.helpOpen;
export const selectLogFilter = (s: LabState) => s.logFilter;
export const selectStepNote = (s: LabState) => s.stepNote;

export const selectNodeOrder = (s: LabState) => s.view?.order ?? EMPTY_IDS;
export const selectNodes = (s: LabState): TraceView['nodes'] | undefined => s.view?.nodes;
/** One node's state; the same object until that node's status, role, leader, clock or rounded offset changes. */
export const selectNode =
  (id: NodeId) =>
  (s: LabState): NodeState | undefined =>
    s.view?.nodes[id];
/**
 * Whether a node will be alive once the commands already sent have landed: its status in the
 * view, then each pending crash or recover of it in order. A key pressed now acts on this,
 * not on a view a frame or two behind the keys.
 */
export const selectIntendedStatus =
  (id: NodeId) =>
  (s: LabState): 'alive' | 'crashed' | undefined => {
    const shown = s.view?.nodes[id]?.status;
    if (shown === undefined) return undefined;
    let status: 'alive' | 'crashed' = shown === 'alive' ? 'alive' : 'crashed';
    for (const c of s.pendingActs) {
      if (c.type === 'crash' && c.node === id) status = 'crashed';
      if (c.type === 'recover' && c.node === id) status = 'alive';
    }
    return status;
  };
export const selectInFlight = (s: LabState) => s.view?.inFlight ?? EMPTY_MESSAGES;
export const selectFailures = (s: LabState) => s.view?.failures;
export const selectLog = (s: LabState) => s.view?.log ?? EMPTY_LOG;
/** The algorithm's latest round, in the shape its registry definition folds (null before the first run). */
export const selectRound = (s: LabState): unknown => s.view?.round ?? null;
export const selectPartition = (s: LabState) => s.view?.partition ?? null;
export const selectAnnouncement = (s: LabState) => s.view?.announcement ?? null;
export const selectKinds = (s: LabState) => s.view?.kinds;
export const selectAlgorithm = (s: LabState) => s.scenario?.algorithm.id ?? null;

export const selectCursor = (s: LabState) => s.cursor;
export const selectLiveNow = (s: LabState) => s.liveNow;
export const selectReadOnly = (s: LabState) => s.readOnly;
/** What a long run keeps for time travel (null: everything). */
export const selectRetention = (s: LabState) => s.retention;
export const selectOpening = (s: LabState) => s.opening;
export const selectTravelNotice = (s: LabState) => s.travelNotice;

export const selectSelectedLink = (s: LabState) => s.selectedLink;
export const selectLinks = (s: LabState) => s.view?.links;
export const selectLinkDefaults = (s: LabState) => s.view?.linkDefaults;
/** The fastest clock's rate (1 + drift, at least 1): the timeouts stretch with it (core/timeouts.ts). A number, so a panel re-renders only when it changes. */
export const selectFastestRate = (s: LabState): number => {
  let fastest = 1;
  const nodes = s.view?.nodes;
  if (nodes) for (const id in nodes) fastest = Math.max(fastest, rateOf((nodes[id as unknown as NodeId] as NodeState).clock));
  return fastest;
};

const namers = new WeakMap<object, NameOf>();
const DEFAULT_NAMER = namer(undefined);
/** The one way the page names a node: by the scenario's names (a stable function per scenario). */
export const selectNameOf = (s: LabState): NameOf => {
  const scenario = s.scenario;
  if (!scenario) return DEFAULT_NAMER;
  let nameOf = namers.get(scenario);
  if (!nameOf) namers.set(scenario, (nameOf = namer(scenario.nodes)));
  return nameOf;
};

export const selectFrame = (s: LabState) => s.frame;
export const selectLesson = (s: LabState) => s.lesson;
export const selectPickerOpen = (s: LabState) => s.pickerOpen;

/** The run's derived indexes (metrics, clock chart, diagram): the views' one door to what the trace holds. */
export const selectRunIndex = (s: LabState) => s.index;
/** Events folded so far: changes whenever the trace grows. */
export const selectTraceVersion = (s: LabState) => s.traceVersion;

/** While playing, the chart and metrics are redrawn every this many frames (about 4 a second), not every frame. */
export const REFRESH_FRAMES = 15;

/**
 * When the slower views (clock chart, metrics) should redraw: at the moment a scrubbed page
 * shows; every REFRESH_FRAMES frames while playing; whenever the trace grew while stopped.
 */
export const selectRefresh = (s: LabState): string =>
  s.cursor
    ? `past:${s.cursor.index}:${s.cursor.t}`
    : s.playing
      ? `play:${s.runId}:${Math.floor(s.frame / REFRESH_FRAMES)}`
      : `at:${s.runId}:${s.traceVersion}:${s.now}`;

/** A selector that recomputes only when its key changes (compared by value, element by element). */
function memoised<K extends readonly unknown[], T>(key: (s: LabState) => K, compute: (s: LabState) => T): (s: LabState) => T {
  let lastKey: K | null = null;
  let last: T;
  return (s) => {
    const k = key(s);
    if (lastKey === null || k.length !== lastKey.length || k.some((v, i) => !Object.is(v, (lastKey as K)[i]))) {
      last = compute(s);
      lastKey = k;
    }
    return last;
  };
}

/** The metrics panel's numbers at the moment shown (the present, or the cursor's), recomputed per refresh. */
export const selectMetrics = memoised(
  (s) => [s.index, selectRefresh(s)] as const,
  (s): Metrics | null => {
    if (!s.index) return null;
    return s.cursor ? s.index.metricsAt(s.cursor.index, s.cursor.t) : s.index.metrics.metrics();
  },
);

/** True time as the slower views (clock chart) draw it: `now` at their last refresh, so they do not re-render every frame. */
export const selectRefreshedNow = memoised(
  (s) => [s.index, selectRefresh(s)] as const,
  (s): number => s.now,
);

/**
 * The log lines as the page shows them: while playing, those of the last readout tick (ten
 * times a second), so a busy run does not rebuild hundreds of lines every frame; otherwise
 * the latest.
 */
export const selectShownLog = memoised(
  (s) => [s.playing && s.cursor === null ? s.readout : selectLog(s), s.runId, s.cursor] as const,
  (s) => selectLog(s),
);
