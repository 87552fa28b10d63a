// The first page: pick a preset and a seed, run it to the end in the page on the inline
// host, and show where every node ended up, the message counts and the readable trace.
// The URL (`?scenario=…&seed=…`) always names what is shown, so a link reproduces it.

import { useState } from 'react';
import type { Scenario } from '../core/scenario.ts';
import { presetIds, presets } from '../scenarios/index.ts';
import { ScenarioForm } from '../views/controls/ScenarioForm.tsx';
import { NodeList } from '../views/inspector/NodeList.tsx';
import { MessageSummary } from '../views/metrics/MessageSummary.tsx';
import { RunSummary } from '../views/metrics/RunSummary.tsx';
import { EventLog } from '../views/timeline/EventLog.tsx';
import { type LabRun, nodeNamer, runPreset } from './run-preset.ts';
import { labSearch, parseLabSearch } from './url-state.ts';

const defaultPreset: Scenario = presets[0] as Scenario;

interface PageState {
  scenarioId: string;
  seed: number;
  run: LabRun | null;
  /** The one user-facing problem (bad URL, failed run), or null. */
  problem: string | null;
}

function findScenario(id: string): Scenario {
  return presets.find((p) => p.id === id) ?? defaultPreset;
}

/** Runs a preset; a failure becomes a message and leaves the previous result on screen. */
function attempt(state: PageState, scenarioId: string, seed: number, problem: string | null): PageState {
  const scenario = findScenario(scenarioId);
  try {
    return { scenarioId: scenario.id, seed, run: runPreset(scenario, seed), problem };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failed = `Running “${scenario.title}” with seed ${seed} failed: ${reason}`;
    return { ...state, scenarioId: scenario.id, seed, problem: problem ? `${problem} ${failed}` : failed };
  }
}

function syncUrl(scenarioId: string, seed: number): void {
  const search = labSearch({ scenarioId, seed });
  if (window.location.search !== search)
    window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
}

function initialState(): PageState {
  const parsed = parseLabSearch(window.location.search, presetIds, defaultPreset.id);
  const empty: PageState = { scenarioId: parsed.scenarioId, seed: parsed.seed, run: null, problem: null };
  const state = attempt(empty, parsed.scenarioId, parsed.seed, parsed.problem);
  syncUrl(state.scenarioId, state.seed);
  return state;
}

export function App() {
  const [state, setState] = useState(initialState);

  const start = (scenarioId: string, seed: number): void => {
    const next = attempt(state, scenarioId, seed, null);
    syncUrl(next.scenarioId, next.seed);
    setState(next);
  };

  const { run } = state;
  return (
    <div className="page">
      <header className="page-header">
        <h1>dslab</h1>
        <p className="tagline">A distributed systems lab: clock synchronisation and leader election, simulated.</p>
      </header>

      <main className="page-main">
        <ScenarioForm
          presets={presets}
          scenarioId={state.scenarioId}
          seed={state.seed}
          onRun={start}
          onInvalidSeed={(message) => setState((s) => ({ ...s, problem: message }))}
        />

        {state.problem !== null && (
          <p className="problem" role="alert">
            {state.problem}
          </p>
        )}

        {run !== null && (
          <div className="results">
            <RunSummary run={run} />
            <NodeList nodes={run.nodes} nameOf={nodeNamer(run.scenario)} />
            <MessageSummary stats={run.stats} />
            <EventLog lines={run.log} />
          </div>
        )}
      </main>
    </div>
  );
}
