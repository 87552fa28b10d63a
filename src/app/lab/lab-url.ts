// The lab page's URL holds the whole setup of a run (ARCHITECTURE.md §5):
//   ?scenario=<preset id>&seed=<integer>[&speed=<speed>][&heartbeats=on|off][&actions=<ms>:<verb>[:<target>],…]
// Scenario and seed are validated by url-state.ts; custom setups are named like
// `custom-bully-20` (algorithm, 2 to 64 nodes); the actions use the CLI's `--action` text
// (scenarios/action-syntax.ts), so the same list reproduces the same run in `npm run sim`.
// Whatever cannot be read becomes one sentence, and the rest still opens. Other parameters
// (a lesson's, for instance) are left as they are.

import * as v from 'valibot';
import { algorithmIds, allLessons, isAlgorithmId, lessonFor, type Scenario, type UserAction } from '../../core/index.ts';
import type { Speed } from '../../hosts/live.ts';
import { echo, formatActionList, parseActionList } from '../../scenarios/action-syntax.ts';
import { hasHeartbeats, heartbeatsOn, withHeartbeats } from '../../scenarios/heartbeats.ts';
import { customScenario, findPreset, presetIds, presets } from '../../scenarios/index.ts';
import { parseRelayScenarioId } from '../../scenarios/relay.ts';
import { SPEEDS, speedLabel } from '../../views/controls/speeds.ts';
import { parseLabSearch } from '../url-state.ts';

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

/** The scenario an id names as first opened (a preset or a custom setup), or null. */
export function scenarioById(id: string): Scenario | null {
  return findPreset(id) ?? customFromId(id);
}

/** Everything a URL can set up. */
export interface LabSetup {
  scenario: Scenario;
  seed: number;
  speed: Speed;
  /** User actions at their own times, replayed from the start. */
  actions: UserAction[];
}

export interface LabOpening extends LabSetup {
  /** One sentence on what could not be read and what is shown instead, or null. */
  problem: string | null;
}

/** A speed as the URL writes it: the select's values ("0.5", "max", "teach"). */
export const speedParam = (speed: Speed): string => String(speed);

export function readLabUrl(search: string): LabOpening {
  const params = new URLSearchParams(search);
  const raw = params.get('scenario') ?? '';
  const custom = customFromId(raw);
  const ids = custom ? [...presetIds, custom.id] : presetIds;
  const parsed = parseLabSearch(search, ids, defaultPreset.id);
  let scenario = custom && parsed.scenarioId === custom.id ? custom : (findPreset(parsed.scenarioId) ?? defaultPreset);
  const problems: string[] = parsed.problem ? [parsed.problem] : [];

  let speed: Speed = 1;
  const rawSpeed = params.get('speed');
  if (rawSpeed !== null) {
    const known = SPEEDS.find((s) => speedParam(s) === rawSpeed.trim());
    if (known !== undefined) speed = known;
    else problems.push(`The speed ${echo(rawSpeed)} is not one of ${SPEEDS.map(speedParam).join(', ')}; playing at ${speedLabel(1)}.`);
  }

  const rawBeats = params.get('heartbeats');
  if (rawBeats !== null) {
    if (rawBeats !== 'on' && rawBeats !== 'off')
      problems.push(`heartbeats=${echo(rawBeats)} is neither on nor off; left as the scenario has it.`);
    else if (!hasHeartbeats(scenario))
      problems.push(`${scenario.id} has no heartbeat failure detection to switch (only the elections do).`);
    else scenario = withHeartbeats(scenario, rawBeats === 'on') ?? scenario;
  }

  let actions: UserAction[] = [];
  const rawActions = params.get('actions');
  if (rawActions !== null) {
    const list = parseActionList(rawActions, scenario);
    actions = list.actions;
    if (list.problems.length > 0) {
      const n = list.problems.length;
      problems.push(
        `${n === 1 ? 'One action' : `${n} actions`} could not be read and ${n === 1 ? 'is' : 'are'} left out: ${list.problems.join('; ')}.`,
      );
    }
  }

  return { scenario, seed: parsed.seed, speed, actions, problem: problems.length > 0 ? problems.join(' ') : null };
}

/** Characters the action list uses that a query string carries as they are (RFC 3986 query). */
const encodeValue = (value: string): string => encodeURIComponent(value).replace(/%(3A|2C|3B|2F|3D)/g, (m) => decodeURIComponent(m));

/**
 * The query string for a setup: scenario and seed always; speed, heartbeats and actions
 * when they differ from the defaults. Parameters it does not own (a lesson's, the relay's)
 * are kept, after its own. A relay session is named by its preset (the relay= it is linked
 * to is kept as it is).
 */
export function labSetupSearch(setup: LabSetup, current = ''): string {
  const id = parseRelayScenarioId(setup.scenario.id)?.baseId ?? setup.scenario.id;
  const parts = [`scenario=${encodeValue(id)}`, `seed=${setup.seed}`];
  if (setup.speed !== 1) parts.push(`speed=${encodeValue(speedParam(setup.speed))}`);
  const opened = scenarioById(id);
  const beats = heartbeatsOn(setup.scenario);
  if (hasHeartbeats(setup.scenario) && (!opened || heartbeatsOn(opened) !== beats)) parts.push(`heartbeats=${beats ? 'on' : 'off'}`);
  const actions = formatActionList(setup.actions);
  if (actions !== '') parts.push(`actions=${encodeValue(actions)}`);
  const owned = new Set(['scenario', 'seed', 'speed', 'heartbeats', 'actions']);
  for (const [key, value] of new URLSearchParams(current)) {
    if (!owned.has(key)) parts.push(`${encodeURIComponent(key)}=${encodeValue(value)}`);
  }
  return `?${parts.join('&')}`;
}

/** Keeps the address bar naming the setup shown, without adding history entries. */
export function writeLabUrl(setup: LabSetup): void {
  const search = labSetupSearch(setup, window.location.search);
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

/** `?lesson=<preset id>[&step=<n>]` (ARCHITECTURE.md §5), validated: a bad value becomes one sentence and no lesson or step 1. */
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
