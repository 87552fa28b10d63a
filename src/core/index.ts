// The core's one public entry: everything outside src/core imports the core from here (ESLint
// holds every other layer to it), so what the core offers is this list, and its files can
// move without touching the rest of the tree.

export * from './assert.ts';
export * from './time.ts';
export * from './rng.ts';
export * from './clock.ts';
export * from './network.ts';
export * from './timeouts.ts';
export * from './peers.ts';
export * from './machine.ts';
export * from './scenario.ts';
export * from './trace.ts';
export * from './counts.ts';
export * from './limits.ts';
export * from './trace-schema.ts';
export * from './trace-file.ts';
export * from './simulation.ts';
export * from './node-runtime.ts';
export * from './describe-event.ts';
export * from './format.ts';
export * from './outcome.ts';

export * from './algorithms/definition.ts';
export * from './algorithms/registry.ts';
export * from './algorithms/lan.ts';
export * from './algorithms/election-round.ts';
export * from './algorithms/mutex-common/critical-sections.ts';
export * from './algorithms/cristian/round.ts';
export * from './algorithms/cristian/bound.ts';
export * from './algorithms/berkeley/round.ts';
export * from './algorithms/bully/settings.ts';
export * from './algorithms/ring/settings.ts';

export * from './check/violations.ts';
export * from './check/clock-replay.ts';
export * from './check/clock-sync.ts';
export * from './check/monitor.ts';
// finalOutcomes' per-node shape is the checkers' own; the outcome every reader shares is outcome.ts's.
export { checkElectionConvergence, checkElectionSafety, type ElectionSafetyOptions, SplitBrainMonitor } from './check/elections.ts';

export * from './lesson/types.ts';
export * from './lesson/engine.ts';
export * from './lesson/pseudocode.ts';
export { allLessons, lessonFor } from './lesson/index.ts';

export * from './derive/election-metrics.ts';
export * from './derive/run-outcome.ts';
export * from './derive/offsets.ts';
export * from './derive/shiviz.ts';
export * from './derive/vector-clocks.ts';
export * from './derive/logical-clocks.ts';
