// The visual lab: a scenario running live on a stage of nodes, clocks and messages, with the
// controls to play it and break it, the latest round, the event log and the network. The URL
// (`?scenario=…&seed=…&speed=…&heartbeats=…&actions=…`) always names the whole run shown.

import { Fragment, type ReactNode, useEffect, useState } from 'react';
import type { Scenario } from '../../core/index.ts';
import { customScenario } from '../../scenarios/index.ts';
import { parseRelayScenarioId } from '../../scenarios/relay.ts';
import { LabStoreProvider, useLab, useLabStoreApi } from '../../store/context.tsx';
import { createLabStore, type LabStore, type RunnerFactory } from '../../store/lab-store.ts';
import { selectFailure, selectRunId, selectScenario, selectSeed } from '../../store/selectors.ts';
import { NetworkPanel } from '../../views/controls/NetworkPanel.tsx';
import { PlaybackControls } from '../../views/controls/PlaybackControls.tsx';
import { CUSTOM, type CustomChoice, ScenarioPicker } from '../../views/controls/ScenarioPicker.tsx';
import { NodeInspector } from '../../views/inspector/NodeInspector.tsx';
import { RoundPanel } from '../../views/rounds/RoundPanel.tsx';
import { Stage } from '../../views/stage/Stage.tsx';
import { LiveEventLog } from '../../views/timeline/LiveEventLog.tsx';
import { LessonPanel } from '../../views/lesson/LessonPanel.tsx';
import { LessonPicker, pickerDismissed } from '../../views/lesson/LessonPicker.tsx';
import { PseudocodePanel } from '../../views/lesson/PseudocodePanel.tsx';
import { ViolationMonitor } from '../../views/timeline/ViolationMonitor.tsx';
import { Announcer } from './Announcer.tsx';
import { Boundary } from './Boundary.tsx';
import { KeyboardHelp } from './KeyboardHelp.tsx';
import { PresenterToggle } from './PresenterToggle.tsx';
import { CopyLink } from './CopyLink.tsx';
import { HeartbeatSwitch } from './HeartbeatSwitch.tsx';
import { LogicalSwitch } from './LogicalSwitch.tsx';
import { readLabUrl, readLessonUrl } from './lab-url.ts';
import { RelayPanel } from './RelayPanel.tsx';
import { ReportLink } from './ReportLink.tsx';
import { RunViews } from './RunViews.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { TimeReadout } from './TimeReadout.tsx';
import { useKeyboard } from './useKeyboard.ts';
import { useUrlSync } from './useUrlSync.ts';
import { readLogicalParam } from '../url-state.ts';
import { useLogical } from '../../store/logical-view.ts';
import { usePresenter } from '../../store/presenter.ts';
import { applyEmbed, embedRequested } from './embed.ts';
import './embed-print.css';

function customOf(scenario: Scenario): CustomChoice {
  return { algorithm: scenario.algorithm.id, nodes: scenario.nodes.length };
}

function TopBar({ store, onProblem }: { store: LabStore; onProblem: (p: string | null) => void }) {
  const scenario = useLab(selectScenario);
  const presenter = usePresenter((s) => s.on);
  const seed = useLab(selectSeed);
  if (!scenario) return null;
  const isCustom = scenario.id.startsWith('custom-');
  const open = (value: string, nextSeed: number, custom: CustomChoice): void => {
    const next = value === CUSTOM ? customScenario(custom) : readLabUrl(`?scenario=${encodeURIComponent(value)}`).scenario;
    store.getState().load(next, nextSeed, true);
    onProblem(null);
  };
  return (
    <header className="lab-bar">
      <h1 className="lab-title">dslab</h1>
      <ScenarioPicker
        key={`${scenario.id}:${seed}`}
        // A run with real programs is its preset with extra nodes: the picker names the preset.
        value={isCustom ? CUSTOM : (parseRelayScenarioId(scenario.id)?.baseId ?? scenario.id)}
        seed={seed}
        custom={customOf(scenario)}
        onOpen={open}
      />
      <PlaybackControls />
      <TimeReadout />
      <div className="bar-end">
        {/* The scenario line, where it lives otherwise, is folded away in presenter mode. */}
        {presenter && <LogicalSwitch />}
        <PresenterToggle />
        <CopyLink />
        <ReportLink />
        <ThemeToggle />
        <button
          type="button"
          className="help-button"
          aria-label="Keyboard shortcuts (?)"
          onClick={() => store.getState().setHelpOpen(true)}
        >
          ?
        </button>
      </div>
    </header>
  );
}

/** Why the run stopped, when the runner itself failed (as run.html says it). */
function RunFailure() {
  const failure = useLab(selectFailure);
  if (!failure) return null;
  return (
    <p className="problem" role="alert" data-testid="run-failure">
      The run stopped: {failure}
    </p>
  );
}

function ScenarioLine() {
  const store = useLabStoreApi();
  const presenter = usePresenter((s) => s.on);
  const scenario = useLab(selectScenario);
  if (!scenario) return null;
  return (
    <section className="scenario-line" aria-label="Scenario">
      <p>
        <button type="button" className="lessons-button" data-testid="lessons-button" onClick={() => store.getState().setPickerOpen(true)}>
          Lessons
        </button>{' '}
        <strong>{scenario.title}.</strong> {scenario.summary}
      </p>
      <HeartbeatSwitch />
      {!presenter && <LogicalSwitch />}
    </section>
  );
}

export function LabApp({ createRunner }: { createRunner: RunnerFactory }) {
  const [store] = useState(() => createLabStore(createRunner));
  const [opening] = useState(() => {
    const search = window.location.search;
    const lesson = readLessonUrl(search);
    // A first visit to the bare address offers the lessons before anything plays.
    const embed = embedRequested(search);
    const offer = !embed && lesson.id === null && !new URLSearchParams(search).has('scenario') && !pickerDismissed();
    const logical = readLogicalParam(search);
    useLogical.getState().setMode(logical.mode);
    return { ...readLabUrl(search), lesson, offer, embed, logical };
  });
  const [problem, setProblem] = useState<string | null>(
    [opening.problem, opening.lesson.problem, opening.logical.problem].filter(Boolean).join(' ') || null,
  );
  useKeyboard(store);
  useUrlSync(store);

  useEffect(() => applyEmbed(opening.embed), [opening.embed]);

  useEffect(() => {
    const s = store.getState();
    const lesson = opening.lesson.id;
    const offer = opening.offer;
    s.setSpeed(opening.speed);
    if (lesson !== null) s.openLesson(lesson, opening.seed, opening.lesson.step - 1);
    else s.load(opening.scenario, opening.seed, !offer, opening.actions);
    if (offer) s.setPickerOpen(true);
    return () => store.getState().dispose();
  }, [store, opening]);

  return (
    <LabStoreProvider store={store}>
      <Boundary name="the lab">
        <div className="lab">
          <Boundary name="the controls">
            <TopBar store={store} onProblem={setProblem} />
          </Boundary>
          {problem && (
            <p className="problem" role="alert" data-testid="lab-problem">
              {problem}
            </p>
          )}
          <RunFailure />
          <ScenarioLine />
          <main className="lab-main">
            <Boundary name="the stage">
              <Stage />
            </Boundary>
            <aside className="lab-side">
              <Boundary name="the relay panel">
                <RelayPanel />
              </Boundary>
              <Boundary name="the lesson">
                <LessonPanel />
              </Boundary>
              <Boundary name="the inspector">
                <NodeInspector />
              </Boundary>
              <Boundary name="the round panel">
                <RoundPanel />
              </Boundary>
              <Boundary name="the pseudocode">
                <PseudocodePanel />
              </Boundary>
              <Boundary name="the event log">
                <ViolationMonitor />
                <LiveEventLog />
              </Boundary>
              <details className="network-details">
                <summary>Network and partitions</summary>
                <Boundary name="the network panel">
                  <RunKeyed>
                    <NetworkPanel />
                  </RunKeyed>
                </Boundary>
              </details>
            </aside>
          </main>
          <Boundary name="the run views">
            <RunViews />
          </Boundary>
          <Announcer />
          <KeyboardHelp />
          <LessonPicker />
        </div>
      </Boundary>
    </LabStoreProvider>
  );
}

/** Remounts its children for every new run, so forms that copy the scenario's settings start fresh. */
function RunKeyed({ children }: { children: ReactNode }) {
  const runId = useLab(selectRunId);
  return <Fragment key={runId}>{children}</Fragment>;
}
