// The lab page's URL: `?scenario=<preset id>&seed=<integer>` (DESIGN.md §7), validated by
// url-state.ts, plus custom setups named like `custom-bully-20` (algorithm, 2 to 64 nodes).

import { algorithmIds, isAlgorithmId, type Scenario } from '../../core/index.ts';
import { customScenario, findPreset, presetIds, presets } from '../../scenarios/index.ts';
import { labSearch, parseLabSearch } from '../url-state.ts';

const CUSTOM_ID = new RegExp(`^custom-(${algorithmIds.join('|')})-(\\d{1,2})$`);
export const MAX_CUSTOM_NODES = 64;

export const defaultPreset = presets[0] as Scenario;

/** The custom scenario an id names, or null when it names none (or too many nodes). */
export function customFromId(id: string): Scenario | null {
  const m = CUSTOM_ID.exec(id);
  if (!m) return null;
  const nodes = Number(m[2]);
  const algorithm = m[1] ?? '';
  if (nodes < 2 || nodes > MAX_CUSTOM_NODES || !isAlgorithmId(algorithm)) return null;
  return customScenario({ algorithm, nodes });
}

export interface LabOpening {
  scenario: Scenario;
  seed: number;
  problem: string | null;
}

export function readLabUrl(search: string): LabOpening {
  const raw = new URLSearchParams(search).get('scenario') ?? '';
  const custom = customFromId(raw);
  const ids = custom ? [...presetIds, custom.id] : presetIds;
  const parsed = parseLabSearch(search, ids, defaultPreset.id);
  const scenario = custom && parsed.scenarioId === custom.id ? custom : (findPreset(parsed.scenarioId) ?? defaultPreset);
  return { scenario, seed: parsed.seed, problem: parsed.problem };
}

/** Keeps the address bar naming what is shown, without adding history entries. */
export function writeLabUrl(scenario: Scenario, seed: number): void {
  const search = labSearch({ scenarioId: scenario.id, seed });
  if (window.location.search !== search)
    window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
}
