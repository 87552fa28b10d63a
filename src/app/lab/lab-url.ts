// The lab page's URL: `?scenario=<preset id>&seed=<integer>` (DESIGN.md §7), validated by
// url-state.ts, plus custom setups named like `custom-bully-20` (algorithm, 2 to 64 nodes).

import * as v from 'valibot';
import { algorithmIds, allLessons, isAlgorithmId, lessonFor, type Scenario } from '../../core/index.ts';
import { customScenario, findPreset, presetIds, presets } from '../../scenarios/index.ts';
import { parseRelayScenarioId } from '../../scenarios/relay.ts';
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
  // A relay session is named by its preset and the relay it is linked to (relay=), kept as it is.
  const relayed = parseRelayScenarioId(scenario.id);
  const relay = relayed ? new URLSearchParams(window.location.search).get('relay') : null;
  const search = labSearch({ scenarioId: relayed?.baseId ?? scenario.id, seed, relay });
  if (window.location.search !== search)
    window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
}

export interface LessonOpening {
  /** The lesson's preset id, or null when the URL names none (or a wrong one). */
  id: string | null;
  /** 1-based step to open at. */
  step: number;
  problem: string | null;
}

/** `?lesson=<preset id>[&step=<n>]` (DESIGN.md §12), validated: a bad value becomes one sentence and no lesson or step 1. */
export function readLessonUrl(search: string): LessonOpening {
  const params = new URLSearchParams(search);
  const raw = params.get('lesson');
  if (raw === null) return { id: null, step: 1, problem: null };
  const ids = allLessons.map((l) => l.preset);
  const parsed = v.safeParse(v.picklist(ids), raw);
  if (!parsed.success)
    return { id: null, step: 1, problem: `There is no lesson ${JSON.stringify(raw.slice(0, 40))}; the lessons are ${ids.join(', ')}.` };
  const steps = lessonFor(parsed.output)?.steps.length ?? 1;
  const rawStep = params.get('step');
  if (rawStep === null) return { id: parsed.output, step: 1, problem: null };
  const step = v.safeParse(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(steps)),
    rawStep,
  );
  if (!step.success)
    return {
      id: parsed.output,
      step: 1,
      problem: `Step ${JSON.stringify(rawStep.slice(0, 40))} is not a step of this lesson (1 to ${steps}); starting at step 1.`,
    };
  return { id: parsed.output, step: step.output, problem: null };
}
