// A preset opened with the relay (ARCHITECTURE.md §6): the preset's nodes, plus one external node
// per name the relay gives to programs that connect (real Cristian clients or Berkeley
// slaves), and, when the relay has an upstream server, the preset's server or master
// replaced by an external node for that real process. External clocks start at offset 0 and
// drift 0: the programs run on the relay's machine, whose clock is the session's true time.
// The whole setup is spelled in the scenario id, so a recorded session's trace names a
// scenario that can be rebuilt (and replayed) from the id alone.

import { algorithmFor, type NodeId, type Scenario } from '../core/index.ts';
import type { Service } from '../relay/protocol.ts';

export interface RelaySetup {
  /** Names for programs that connect, in order. */
  names: readonly string[];
  /** host:port of a real Cristian server / Berkeley master the simulated nodes talk to, or null. */
  upstreamCristian: string | null;
  upstreamBerkeley: string | null;
}

/** A relay session runs until the page leaves it: a day is its horizon. */
export const RELAY_DURATION_MS = 24 * 60 * 60 * 1000;

const NAME = /^[A-Za-z0-9_.-]{1,20}$/;
const ADDRESS = /^[A-Za-z0-9.:[\]-]{1,260}$/;

/** Which of the lab's programs speak to a scenario's algorithm (its definition says), or null. */
export const relayServiceOf = (scenario: Scenario): Service | null => algorithmFor(scenario.algorithm.id).relayService ?? null;

/**
 * A number among the scenario's algorithm settings that the programs' protocol needs (Cristian's
 * minimum delay for the bound a real client would compute, Berkeley's threshold for the seed
 * master's note), or null when its algorithm has none by that name.
 */
export function relaySetting(scenario: Scenario, key: string): number | null {
  const value: unknown = (scenario.algorithm.settings as object as Readonly<Record<string, unknown>>)[key];
  return typeof value === 'number' ? value : null;
}

/** The names the relay should give the programs for this preset (its definition says), or null for the relay's default. */
export const relayNamesOf = (scenario: Scenario): readonly string[] | null =>
  algorithmFor(scenario.algorithm.id).relayNames?.(scenario) ?? null;

/** Which node a preset's algorithm puts in the middle (Cristian's server, Berkeley's master: its definition's reference), or null. */
export function hubOf(scenario: Scenario): NodeId | null {
  const a = scenario.algorithm;
  return relayServiceOf(scenario) ? algorithmFor(a.id).reference(a.settings) : null;
}

/** True for the presets the lab's real programs speak to (Cristian's and Berkeley's). */
export const relayCapable = (scenario: Scenario): boolean => hubOf(scenario) !== null;

export function relayScenarioId(baseId: string, setup: RelaySetup): string {
  const parts = [`names=${setup.names.join(',')}`];
  if (setup.upstreamCristian) parts.push(`upstream-cristian=${setup.upstreamCristian}`);
  if (setup.upstreamBerkeley) parts.push(`upstream-berkeley=${setup.upstreamBerkeley}`);
  return `${baseId}+relay(${parts.join(';')})`;
}

/** The base preset id and setup a relay scenario id spells, or null if it is not one. */
export function parseRelayScenarioId(id: string): { baseId: string; setup: RelaySetup } | null {
  const m = /^([a-z0-9-]{1,60})\+relay\(([^()]{0,600})\)$/.exec(id);
  if (!m) return null;
  const setup: RelaySetup = { names: [], upstreamCristian: null, upstreamBerkeley: null };
  for (const part of (m[2] as string).split(';')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === 'names') {
      const names = value === '' ? [] : value.split(',');
      if (names.length > 16 || !names.every((n) => NAME.test(n))) return null;
      setup.names = names;
    } else if ((key === 'upstream-cristian' || key === 'upstream-berkeley') && ADDRESS.test(value)) {
      if (key === 'upstream-cristian') setup.upstreamCristian = value;
      else setup.upstreamBerkeley = value;
    } else return null;
  }
  return { baseId: m[1] as string, setup };
}

export function relayScenario(base: Scenario, setup: RelaySetup): Scenario {
  const hub = hubOf(base);
  const service = relayServiceOf(base);
  const upstream = service === null ? null : { cristian: setup.upstreamCristian, berkeley: setup.upstreamBerkeley }[service];
  const nodes = base.nodes.map((n) =>
    n.id === hub && upstream ? { ...n, name: `${n.name} (real ${upstream})`, clock: { offsetMs: 0, driftPpm: 0 }, external: true } : n,
  );
  let next = Math.max(0, ...nodes.map((n) => n.id)) + 1;
  const taken = new Set(nodes.map((n) => n.name));
  if (hub !== null) {
    for (const name of setup.names) {
      // A preset node may already carry the name (berkeley-canteen's KMC): the real one is marked.
      const shown = taken.has(name) ? `${name} (real)` : name;
      taken.add(shown);
      nodes.push({ id: next++, name: shown, clock: { offsetMs: 0, driftPpm: 0 }, external: true });
    }
  }
  return {
    ...base,
    id: relayScenarioId(base.id, setup),
    title: `${base.title}, with real programs`,
    nodes,
    durationMs: RELAY_DURATION_MS,
  };
}
