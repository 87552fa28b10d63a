// Picks what runs: one of the six presets (loads at once) or a custom setup (algorithm and
// up to 64 nodes), and the seed (applies on Enter or Load). Invalid input never reaches
// the runner: it is shown next to the field instead.

import { useId, useState } from 'react';
import { algorithmFor, type AlgorithmId, algorithmIds } from '../../core/index.ts';
import { presets } from '../../scenarios/index.ts';
import { MAX_SEED, parseSeed } from '../../scenarios/seed.ts';

export const CUSTOM = 'custom';
export const MAX_CUSTOM_NODES = 64;

export interface CustomChoice {
  algorithm: AlgorithmId;
  nodes: number;
}

export interface ScenarioPickerProps {
  /** A preset id, or CUSTOM. */
  value: string;
  seed: number;
  custom: CustomChoice;
  onOpen: (value: string, seed: number, custom: CustomChoice) => void;
}

/** The whole name of a choice, for the list's title where the list is narrow (presenter mode). */
function titleOf(choice: string): string {
  const p = presets.find((x) => x.id === choice);
  return p ? `${p.lab ? `${p.lab} · ` : ''}${p.id}: ${p.title}` : 'custom setup';
}

export function ScenarioPicker({ value, seed, custom, onOpen }: ScenarioPickerProps) {
  const [choice, setChoice] = useState(value);
  const [seedText, setSeedText] = useState(String(seed));
  const [algorithm, setAlgorithm] = useState<AlgorithmId>(custom.algorithm);
  const [countText, setCountText] = useState(String(custom.nodes));
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { scenario: useId(), seed: useId(), count: useId(), algorithm: useId(), problem: useId() };

  const submit = (nextChoice: string): void => {
    const parsedSeed = parseSeed(seedText);
    if (parsedSeed === null) return setProblem(`The seed must be a whole number from 0 to ${MAX_SEED}.`);
    const count = Number(countText);
    if (nextChoice === CUSTOM && !(Number.isInteger(count) && count >= 2 && count <= MAX_CUSTOM_NODES)) {
      return setProblem(`A custom setup has 2 to ${MAX_CUSTOM_NODES} nodes.`);
    }
    setProblem(null);
    onOpen(nextChoice, parsedSeed, { algorithm, nodes: count });
  };

  return (
    <form
      className="scenario-picker"
      aria-label="Scenario"
      onSubmit={(e) => {
        e.preventDefault();
        submit(choice);
      }}
    >
      <label htmlFor={ids.scenario} className="visually-hidden">
        Scenario
      </label>
      <select
        id={ids.scenario}
        data-testid="scenario-select"
        aria-label="Scenario"
        title={titleOf(choice)}
        value={choice}
        onChange={(e) => {
          setChoice(e.target.value);
          if (e.target.value !== CUSTOM) submit(e.target.value);
        }}
      >
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.lab ? `${p.lab} · ` : ''}
            {p.id}
          </option>
        ))}
        <option value={CUSTOM}>custom…</option>
      </select>
      {choice === CUSTOM && (
        <>
          <label htmlFor={ids.algorithm} className="visually-hidden">
            Algorithm
          </label>
          <select
            id={ids.algorithm}
            data-testid="custom-algorithm"
            aria-label="Algorithm"
            title={algorithmFor(algorithm).label}
            value={algorithm}
            onChange={(e) => setAlgorithm(e.target.value as AlgorithmId)}
          >
            {algorithmIds.map((a) => (
              <option key={a} value={a}>
                {algorithmFor(a).label}
              </option>
            ))}
          </select>
          <label htmlFor={ids.count}>Nodes</label>
          <input
            id={ids.count}
            data-testid="custom-nodes"
            aria-label="Number of nodes"
            className="count-input"
            type="number"
            min={2}
            max={MAX_CUSTOM_NODES}
            value={countText}
            onChange={(e) => setCountText(e.target.value)}
          />
        </>
      )}
      <label htmlFor={ids.seed}>Seed</label>
      <input
        id={ids.seed}
        data-testid="seed-input"
        aria-label="Seed"
        className="seed-input"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_SEED}
        value={seedText}
        aria-invalid={problem !== null}
        aria-describedby={ids.problem}
        onChange={(e) => setSeedText(e.target.value)}
      />
      <button type="submit" data-testid="control-load">
        Load
      </button>
      <span id={ids.problem} className="field-problem" role={problem ? 'alert' : undefined}>
        {problem}
      </span>
    </form>
  );
}
