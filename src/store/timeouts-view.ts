// What the network panel says about timeouts: the largest one-way delay the links now allow,
// the algorithm's timeouts scaled to it (the same rule the nodes use, core/timeouts.ts), and
// every setting that will still make a timeout fire, in plain words.

import { algorithmFor, type LinkSettings, networkDelayBound, type Scenario, timeoutRisks } from '../core/index.ts';

export interface TimeoutsView {
  /** The largest one-way delay, ms. */
  oneWayMs: number;
  /** The fastest clock's rate (1 + drift), at least 1: a fast clock's waits are longer by it (its own ms run short). */
  fastestRate: number;
  /** The timeouts the nodes now use. */
  timeouts: { label: string; ms: number }[];
  /** Settings that will still cause timeouts; empty when none. */
  warnings: string[];
}

const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`);

export function timeoutsView(
  scenario: Scenario,
  linkDefaults: LinkSettings,
  patches: Readonly<Record<string, Partial<LinkSettings>>>,
  fastestRate = 1,
): TimeoutsView {
  const links = Object.values(patches).map((p) => ({ ...linkDefaults, ...p }));
  const oneWayMs = networkDelayBound(linkDefaults, links);
  const rules = algorithmFor(scenario.algorithm.id).timeouts;
  const nodes = scenario.nodes.length;
  const configured = rules.list(scenario.algorithm.settings, nodes);
  const scaled = rules.list(rules.scale(scenario.algorithm.settings, { oneWayMs, nodes }), nodes);
  const warnings = timeoutRisks([linkDefaults, ...links]);
  if (scenario.timeouts === 'fixed') {
    const short = configured.flatMap((t, i) => {
      const needed = scaled[i]?.ms ?? 0;
      return t.ms < needed ? [`the ${t.label} of ${ms(t.ms)} is shorter than the ${ms(needed)} a ${ms(oneWayMs)} delay needs`] : [];
    });
    if (short.length > 0)
      warnings.push(`This scenario fixes its timeouts: ${short.join('; ')}, so live processes will be taken for failed ones.`);
  }
  return { oneWayMs, fastestRate: Math.max(1, fastestRate), timeouts: scenario.timeouts === 'fixed' ? configured : scaled, warnings };
}

export const formatMs = ms;
