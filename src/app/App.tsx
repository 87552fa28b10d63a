// The first page: pick a preset and a seed, run it to the end — every node in its own Web
// Worker, through the live runner at full speed — and show where every node ended up, the
// message counts and the readable trace. Each node can be crashed and recovered; the run
// then plays on. The URL (`?scenario=…&seed=…`) always names what is shown.

import { useEffect, useRef, useState } from 'react';
import { namer, type NodeId, type RunOutcome, type Scenario, summarizeRun, type TraceEvent } from '../core/index.ts';
import { createLiveRunner, type LiveRunnerHandle } from '../hosts/live-runner.ts';
import { presetIds, presets } from '../scenarios/index.ts';
import { ScenarioForm } from '../views/controls/ScenarioForm.tsx';
import { NodeList } from '../views/inspector/NodeList.tsx';
import { MessageSummary } from '../views/metrics/MessageSummary.tsx';
import { FinishedRunMetrics } from '../views/metrics/MetricsPanel.tsx';
import { RunSummary } from '../views/metrics/RunSummary.tsx';
import { EventLog } from '../views/timeline/EventLog.tsx';
import { pageRunner } from './page-runner.ts';
import { labSearch, parseLabSearch } from './url-state.ts';

const defaultPreset: Scenario = presets[0] as Scenario;

interface PageState {
  scenarioId: string;
  seed: number;
  /** Bumped by every Run, so running the same preset and seed again starts afresh. */
  runId: number;
  /** The one user-facing problem (bad URL, failed run), or null. */
  problem: string | null;
}

function findScenario(id: string): Scenario {
  return presets.find((p) => p.id === id) ?? defaultPreset;
}

function syncUrl(scenarioId: string, seed: number): void {
  const search = labSearch({ scenarioId, seed });
  if (window.location.search !== search)
    window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
}

function initialState(): PageState {
  const parsed = parseLabSearch(window.location.search, presetIds, defaultPreset.id);
  syncUrl(parsed.scenarioId, parsed.seed);
  return { scenarioId: parsed.scenarioId, seed: parsed.seed, runId: 0, problem: parsed.problem };
}

const summarize = (runner: LiveRunnerHandle): RunOutcome =>
  summarizeRun(runner.scenario, runner.seed, runner.now(), (id) => runner.node(id), runner.stats(), runner.trace());

export function App() {
  const [state, setState] = useState(initialState);
  const [run, setRun] = useState<RunOutcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  /** The whole trace, taken once each time the run finishes: the derivation the CLI's --json reports. */
  const [finishedTrace, setFinishedTrace] = useState<{ key: string; events: readonly TraceEvent[] } | null>(null);
  const runKey = `${state.scenarioId}:${state.seed}:${state.runId}`;
  const runner = useRef<LiveRunnerHandle | null>(null);

  useEffect(() => {
    const scenario = findScenario(state.scenarioId);
    const live = createLiveRunner({ scenario, seed: state.seed, host: 'worker', speed: 'max' });
    pageRunner.set(live);
    runner.current = live;
    const key = `${state.scenarioId}:${state.seed}:${state.runId}`;
    const off = live.subscribe(() => {
      setRun(summarize(live));
      setFailure(live.failure());
      if (live.finished)
        setFinishedTrace((t) => (t?.key === key && t.events.length === live.trace().length ? t : { key, events: live.trace().slice() }));
    });
    live.play();
    return () => {
      off();
      live.dispose();
      if (pageRunner.get() === live) pageRunner.set(null);
    };
  }, [state.scenarioId, state.seed, state.runId]);

  const start = (scenarioId: string, seed: number): void => {
    const scenario = findScenario(scenarioId);
    syncUrl(scenario.id, seed);
    setState((s) => ({ scenarioId: scenario.id, seed, runId: s.runId + 1, problem: null }));
  };

  const act = (type: 'crash' | 'recover', node: NodeId): void => {
    const live = runner.current;
    if (!live) return;
    live.act({ type, node });
    live.play();
  };

  const shown = run !== null && run.scenario.id === state.scenarioId && run.seed === state.seed ? run : null;
  return (
    <div className="page">
      <header className="page-header">
        <h1>dslab</h1>
        <p className="tagline">A distributed systems lab: clock synchronisation and leader election, simulated.</p>
        <a className="lab-link" data-testid="lab-link" href={`./${labSearch({ scenarioId: state.scenarioId, seed: state.seed })}`}>
          Open this run in the lab
        </a>
      </header>

      <main className="page-main">
        <ScenarioForm
          presets={presets}
          scenarioId={state.scenarioId}
          seed={state.seed}
          onRun={start}
          onInvalidSeed={(message) => setState((s) => ({ ...s, problem: message }))}
        />

        {(state.problem !== null || failure !== null) && (
          <p className="problem" role="alert">
            {[state.problem, failure && `The run stopped: ${failure}`].filter(Boolean).join(' ')}
          </p>
        )}

        {shown !== null && (
          <div className="results">
            <RunSummary run={shown} />
            <NodeList
              nodes={shown.nodes}
              nameOf={namer(shown.scenario.nodes)}
              onCrash={(id) => act('crash', id)}
              onRecover={(id) => act('recover', id)}
            />
            <MessageSummary stats={shown.stats} />
            {finishedTrace?.key === runKey && (
              <FinishedRunMetrics
                events={finishedTrace.events}
                algorithm={shown.scenario.algorithm}
                nodeCount={shown.scenario.nodes.length}
                nameOf={namer(shown.scenario.nodes)}
              />
            )}
            <EventLog lines={shown.log} />
          </div>
        )}
      </main>
    </div>
  );
}
