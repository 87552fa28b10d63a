// The page's URL contract (ARCHITECTURE.md §5): `/?scenario=<preset id>&seed=<integer>`.
// Whatever arrives in the address bar is validated here, once, against one schema; a bad
// value never reaches the simulation: it becomes one clear message and a safe fallback.

import * as v from 'valibot';
import { DEFAULT_SEED, MAX_SEED, parseSeed } from '../scenarios/seed.ts';

export { DEFAULT_SEED, MAX_SEED, parseSeed, SeedSchema } from '../scenarios/seed.ts';

/** Longest raw value echoed back in a message, so a huge URL cannot flood the page. */
const ECHO_LIMIT = 40;

export interface LabLocation {
  scenarioId: string;
  seed: number;
}

export interface ParsedLocation extends LabLocation {
  /** What was wrong with the URL and what is shown instead, or null when it was fine. */
  problem: string | null;
}

function echo(raw: string): string {
  const clipped = raw.length > ECHO_LIMIT ? `${raw.slice(0, ECHO_LIMIT)}…` : raw;
  return JSON.stringify(clipped);
}

/**
 * Reads the scenario and seed from a query string. A missing value falls back silently;
 * a wrong one falls back with a problem sentence that says what was wrong and what is shown.
 */
export function parseLabSearch(search: string, presetIds: readonly string[], defaultId: string): ParsedLocation {
  const params = new URLSearchParams(search);
  const problems: string[] = [];

  const rawScenario = params.get('scenario');
  const scenarioSchema = v.picklist(presetIds as string[]);
  let scenarioId = defaultId;
  if (rawScenario !== null) {
    const result = v.safeParse(scenarioSchema, rawScenario);
    if (result.success) scenarioId = result.output;
    else problems.push(`There is no scenario ${echo(rawScenario)}; showing ${JSON.stringify(defaultId)} instead.`);
  }

  const rawSeed = params.get('seed');
  let seed = DEFAULT_SEED;
  if (rawSeed !== null) {
    const parsed = parseSeed(rawSeed);
    if (parsed !== null) seed = parsed;
    else problems.push(`The seed ${echo(rawSeed)} is not a whole number from 0 to ${MAX_SEED}; using seed ${DEFAULT_SEED}.`);
  }

  return { scenarioId, seed, problem: problems.length > 0 ? problems.join(' ') : null };
}

/** The query string that opens this scenario with this seed. */
export function labSearch(location: LabLocation & { relay?: string | null }): string {
  const params = new URLSearchParams({ scenario: location.scenarioId, seed: String(location.seed) });
  if (location.relay) params.set('relay', location.relay);
  return `?${params.toString()}`;
}

/** `relay=ws://host:port` (ARCHITECTURE.md §5): the relay to connect to, or a problem sentence. */
export function readRelayParam(search: string): { url: string | null; problem: string | null } {
  const raw = new URLSearchParams(search).get('relay');
  if (raw === null || raw === '') return { url: null, problem: null };
  const ok = raw.length <= 200 && /^wss?:\/\/[A-Za-z0-9.:[\]-]+(\/[\w./-]*)?$/.test(raw);
  return ok ? { url: raw, problem: null } : { url: null, problem: `The relay address ${echo(raw)} is not ws://host:port; not connecting.` };
}

/** `logical=lamport|vector` (issue 11): which logical clocks the page shows; off when absent, a problem sentence when wrong. */
export function readLogicalParam(search: string): { mode: 'off' | 'lamport' | 'vector'; problem: string | null } {
  const raw = new URLSearchParams(search).get('logical');
  if (raw === null || raw === '' || raw === 'off') return { mode: 'off', problem: null };
  if (raw === 'lamport' || raw === 'vector') return { mode: raw, problem: null };
  return { mode: 'off', problem: `logical=${echo(raw)} is none of off, lamport, vector; logical clocks are off.` };
}

/** The query string with `logical=` set to the mode (left out when off); every other parameter is kept as written. */
export function withLogicalParam(search: string, mode: 'off' | 'lamport' | 'vector'): string {
  const parts = search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '' && !p.startsWith('logical='));
  if (mode !== 'off') parts.push(`logical=${mode}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
