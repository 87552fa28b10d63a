// What both fuzzers draw from: the full ranges of what a user can give (drift and clock steps
// over everything the page and the CLI accept, links up to the page's slowest), and how long
// a case needs to settle once its faults stop, given what it slowed down.

import fc from 'fast-check';
import {
  algorithmFor,
  jitterBound,
  LAN,
  type LinkSettings,
  MAX_DRIFT_PPM,
  MAX_LINK_MS,
  MAX_OFFSET_MS,
  type Scenario,
  type UserAction,
} from '../core/index.ts';

/** Drift over the whole range the page and the CLI accept, realistic quartz values too. */
export const ppmArbitrary = fc.oneof(
  fc.integer({ min: -MAX_DRIFT_PPM, max: MAX_DRIFT_PPM }),
  fc.integer({ min: -100, max: 100 }),
  fc.constantFrom(-MAX_DRIFT_PPM, MAX_DRIFT_PPM),
);

/** A clock offset (or a step to one) over the whole range accepted (±24 h), small ones too. */
export const offsetArbitrary = fc.oneof(
  fc.integer({ min: -500, max: 500 }),
  fc.integer({ min: -MAX_OFFSET_MS, max: MAX_OFFSET_MS }),
  fc.constantFrom(-MAX_OFFSET_MS, MAX_OFFSET_MS),
);

/** A link made slower (never faster than the base latency, every bound's `min`) up to the page's maximum, lossy, or cut. */
export const linkPatchArbitrary: fc.Arbitrary<Partial<LinkSettings>> = fc.oneof(
  fc.record({
    latencyMs: fc.oneof(fc.integer({ min: LAN.latencyMs, max: 200 }), fc.integer({ min: LAN.latencyMs, max: MAX_LINK_MS })),
  }),
  fc.record({ loss: fc.constantFrom(0.1, 0.5, 1) }),
  fc.record({ up: fc.constant(false) }),
);

/** The heal for every link a case changed: its base speed back, no loss, up. */
export function linkHeals(faults: readonly UserAction[], at: number): UserAction[] {
  const heals: UserAction[] = [];
  for (const f of faults)
    if (f.type === 'link') heals.push({ at, type: 'link', from: f.from, to: f.to, patch: { latencyMs: LAN.latencyMs, loss: 0, up: true } });
  return heals;
}

/** The slowest latency any link was given in a case (0 if none was slowed). */
export const slowestLink = (faults: readonly UserAction[]): number =>
  Math.max(0, ...faults.map((f) => (f.type === 'link' ? (f.patch.latencyMs ?? 0) : 0)));

/** The slowest rate (1 + drift) any clock runs at in a case, from its initial clocks and its drift changes. */
export function slowestRate(faults: readonly UserAction[], clocks: readonly { driftPpm: number }[] = []): number {
  let ppm = 0;
  for (const clock of clocks) ppm = Math.min(ppm, clock.driftPpm);
  for (const f of faults) if (f.type === 'drift') ppm = Math.min(ppm, f.ppm);
  return Math.max(0.5, 1 + ppm * 1e-6);
}

/** The longest timeout a node can arm while the slowest link is `latencyMs` (0 when no link was slowed). */
export function longestScaledTimeout(scenario: Scenario, latencyMs: number): number {
  if (latencyMs <= 0) return 0;
  const rules = algorithmFor(scenario.algorithm.id).timeouts;
  const oneWayMs = latencyMs + jitterBound(LAN.jitter, LAN.jitterMs);
  const scaled = rules.scale(scenario.algorithm.settings, { oneWayMs, nodes: scenario.nodes.length });
  return Math.max(0, ...rules.list(scaled, scenario.nodes.length).map((t) => t.ms));
}

/**
 * What any user can do to any algorithm, as both fuzzers draw it: crash, recover, drift, a
 * clock step, loss, partitions and heals, `links` slowed/lossy/cut links, and a crash or
 * recovery a moment after another (mid-election, mid-cycle, mid-request).
 */
export function userFaultArbitraries(
  n: number,
  at: fc.Arbitrary<number>,
  node: fc.Arbitrary<number>,
  linkPatch: fc.Arbitrary<Partial<LinkSettings>>,
  links: number,
): fc.Arbitrary<UserAction[]>[] {
  const one = (a: fc.Arbitrary<UserAction>): fc.Arbitrary<UserAction[]> => a.map((x) => [x]);
  const link = fc
    .record({ at, type: fc.constant('link' as const), from: node, to: node, patch: linkPatch })
    .filter((a) => a.from !== a.to)
    .map((a): UserAction[] => [a]);
  return [
    one(fc.record({ at, type: fc.constant('crash' as const), node })),
    one(fc.record({ at, type: fc.constant('recover' as const), node })),
    one(fc.record({ at, type: fc.constant('drift' as const), node, ppm: ppmArbitrary })),
    // A clock stepped by hand (the CLI's and the URL's offset=): anywhere in ±24 h.
    one(fc.record({ at, type: fc.constant('offset' as const), node, offsetMs: offsetArbitrary })),
    one(fc.record({ at, type: fc.constant('network' as const), patch: fc.record({ loss: fc.constantFrom(0, 0.1, 0.3, 1) }) })),
    one(
      fc.record({
        at,
        type: fc.constant('partition' as const),
        groups: fc
          .subarray(
            Array.from({ length: n }, (_, i) => i + 1),
            { minLength: 1, maxLength: Math.max(1, n - 1) },
          )
          .map((g) => [g]),
      }),
    ),
    one(fc.record({ at, type: fc.constant('heal' as const) })),
    ...Array.from({ length: links }, () => link),
    fc
      .tuple(at, fc.constantFrom('crash' as const, 'recover' as const), node, fc.integer({ min: 0, max: 300 }), node)
      .map(([t, type, a, gap, b]): UserAction[] => [
        { at: t, type, node: a },
        { at: t + gap, type: type === 'crash' ? 'recover' : 'crash', node: b },
      ]),
  ];
}

/** Several processes doing `verb` at one moment (two or three of them), and a crash while what they started runs. */
export function severalAtOnceArbitrary(
  n: number,
  at: fc.Arbitrary<number>,
  node: fc.Arbitrary<number>,
  verb: 'notice' | 'request',
): fc.Arbitrary<UserAction[]> {
  return fc
    .tuple(
      at,
      fc.uniqueArray(fc.integer({ min: 1, max: n }), { minLength: 2, maxLength: Math.min(3, n) }),
      fc.integer({ min: 0, max: 200 }),
      node,
    )
    .map(([t, nodes, gap, victim]): UserAction[] => [
      ...nodes.map((id): UserAction => ({ at: t, type: verb, node: id }) as UserAction),
      { at: t + gap, type: 'crash', node: victim },
    ]);
}
