// Timeouts that scale with the network (docs/ARCHITECTURE.md §4). A timeout is a guess at how long an
// answer can take; with a fixed 150 ms, slowing the links to 500 ms made every Bully process
// crown itself and sent the ring round for ever. So every timeout an algorithm waits on is
// at least what the network as configured now needs: its largest one-way delay (base latency
// plus the most its jitter can add, over the defaults and every link set apart) times a
// factor the algorithm gives (a round trip is 2 of them; each algorithm adds one more as slack
// for clocks running fast, slews and ties). The configured value stays the floor, so on the
// presets' own networks nothing changes. The simulation hands each node call the current
// bound (NodeCall.delayMs), so a `network` or `link` action, which is in the trace and the
// action list, reaches the timeouts the same way inline, in a worker and on a replay.
// Waits already running when the network slows are moved on by as much as they would now be
// longer (Simulation.followNetwork), so slowing the network mid-election breaks nothing either.
// A node measures its waits on its own clock, so one running 50% fast (the most the page
// accepts, MAX_DRIFT_PPM) would wait a third less true time: the delay a node's timeouts
// scale with is the network's times its own clock's rate when fast (timeoutDelay). A slow
// clock only lengthens its own waits; where an algorithm waits on another node's wait
// (Bully's COORDINATOR wait on a higher process's OK wait) its rule allows for clocks 3
// times apart (1.5 against 0.5). A wait already running when a clock is made faster keeps
// its end in true time, so it is not cut short either.
// What can still cause a timeout, and the page says so: exponential jitter (no upper bound;
// its 99.9th percentile is used) and lost messages.

import { jitterBound, type LinkSettings } from './network.ts';

/** Exponential jitter has no bound: its 99.9th percentile (ln 1000 ≈ 6.9 means) stands in. */
export const EXPONENTIAL_QUANTILE = Math.log(1000);

/** The most one message on this link can take, or the 99.9th percentile for an unbounded tail. */
export function linkDelayBound(link: LinkSettings): number {
  const extra = jitterBound(link.jitter, link.jitterMs);
  return link.latencyMs + (Number.isFinite(extra) ? extra : link.jitterMs * EXPONENTIAL_QUANTILE);
}

/** The network's largest one-way delay over its defaults and every link set apart. */
export function networkDelayBound(defaults: LinkSettings, links: Iterable<LinkSettings>): number {
  let max = linkDelayBound(defaults);
  for (const link of links) max = Math.max(max, linkDelayBound(link));
  return max;
}

/**
 * The one-way delay a node's timeouts scale with: the network's largest, stretched by its
 * clock's rate (1 + drift) when fast; a clock running slow needs nothing, its waits only get longer.
 */
export const timeoutDelay = (oneWayMs: number, clockRate: number): number => oneWayMs * Math.max(1, clockRate);

/** What an algorithm's timeouts are derived from. */
export interface NetworkTiming {
  /** The largest one-way delay, true ms, times the node's clock rate when fast (timeoutDelay). */
  oneWayMs: number;
  /** How many nodes take part (the ring's watchdog is a trip round it). */
  nodes: number;
}

/** A configured timeout, raised to `factor` one-way delays when the network needs more. */
export const atLeast = (configuredMs: number, factor: number, timing: NetworkTiming): number =>
  Math.max(configuredMs, Math.ceil(factor * timing.oneWayMs));

/** Why a setting will still make timeouts fire on live nodes, for the page to say next to it; empty when none. */
export function timeoutRisks(links: readonly LinkSettings[]): string[] {
  const risks: string[] = [];
  if (links.some((l) => l.jitter === 'exponential' && l.jitterMs > 0))
    risks.push(
      'Exponential jitter has no upper bound: timeouts allow for 99.9% of delays, so about one message in a thousand arrives after its timeout and is taken for a failure.',
    );
  if (links.some((l) => l.loss > 0))
    risks.push('Lost messages look like crashed processes: a timeout fires, and an election or a sync starts over.');
  return risks;
}
