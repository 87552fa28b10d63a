// Picks a preset and a seed. Choosing a preset runs it at once (so the URL and the page
// never disagree); a new seed runs when the user presses Run or Enter.

import { useId, useState } from 'react';
import type { Scenario } from '../../core/index.ts';
import { MAX_SEED, parseSeed } from '../../scenarios/seed.ts';

export interface ScenarioFormProps {
  presets: readonly Scenario[];
  scenarioId: string;
  seed: number;
  onRun: (scenarioId: string, seed: number) => void;
  onInvalidSeed: (message: string) => void;
}

export function ScenarioForm({ presets, scenarioId, seed, onRun, onInvalidSeed }: ScenarioFormProps) {
  const [seedText, setSeedText] = useState(String(seed));
  const [seedValid, setSeedValid] = useState(true);
  const scenarioLabel = useId();
  const seedLabel = useId();
  const seedHint = useId();

  const readSeed = (): number | null => {
    const parsed = parseSeed(seedText);
    setSeedValid(parsed !== null);
    if (parsed === null) onInvalidSeed(`The seed must be a whole number from 0 to ${MAX_SEED}.`);
    return parsed;
  };

  return (
    <form
      className="scenario-form"
      aria-label="Choose a scenario"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = readSeed();
        if (parsed !== null) onRun(scenarioId, parsed);
      }}
    >
      <div className="field field-scenario">
        <label htmlFor={scenarioLabel}>Scenario</label>
        <select
          id={scenarioLabel}
          data-testid="scenario-select"
          aria-label="Scenario"
          value={scenarioId}
          onChange={(event) => onRun(event.target.value, parseSeed(seedText) ?? seed)}
        >
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.lab ? `${p.lab} · ` : ''}
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-seed">
        <label htmlFor={seedLabel}>Seed</label>
        <input
          id={seedLabel}
          data-testid="seed-input"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_SEED}
          step={1}
          value={seedText}
          aria-invalid={!seedValid}
          aria-describedby={seedHint}
          onChange={(event) => {
            setSeedText(event.target.value);
            setSeedValid(true);
          }}
        />
        <span id={seedHint} className="visually-hidden">
          The same seed always gives the same run.
        </span>
      </div>
      <button type="submit" data-testid="control-run">
        Run
      </button>
    </form>
  );
}
