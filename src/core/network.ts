// The simulated network: per directed link a base latency, a jitter distribution, loss,
// duplication and FIFO order; partitions cut every link between groups. Jitter is never
// negative, so a link's base latency is its true minimum one-way delay (the `min` of
// Cristian's bound). Every decision draws from the network's own seeded stream.

import { IdIndex } from './ids.ts';
import type { Rng } from './rng.ts';
import type { NodeId } from './time.ts';
import { linkDelayBound, networkDelayBound } from './timeouts.ts';

export type JitterDistribution = 'none' | 'uniform' | 'normal' | 'exponential';

export interface LinkSettings {
  /** Minimum one-way delay in ms. */
  latencyMs: number;
  /** Scale of the extra delay: uniform on [0, ms]; normal with mean ms/2 and sd ms/4, clamped to [0, ms]; exponential with mean ms (unbounded tail). */
  jitterMs: number;
  jitter: JitterDistribution;
  /** Probability in [0, 1] that a message is lost. */
  loss: number;
  /** Probability in [0, 1] that a delivered message arrives twice. */
  duplicate: number;
  /** Deliver in send order (the lab's TCP links did). */
  fifo: boolean;
  /** A cut link drops everything. */
  up: boolean;
}

export const DEFAULT_LINK: LinkSettings = {
  latencyMs: 20,
  jitterMs: 10,
  jitter: 'uniform',
  loss: 0,
  duplicate: 0,
  fifo: true,
  up: true,
};

export interface LinkOverride extends Partial<LinkSettings> {
  from: NodeId;
  to: NodeId;
}

export type Fate = 'ok' | 'loss' | 'partition' | 'cut';

export interface Route {
  fate: Fate;
  /** True time of arrival (or of the failed arrival, for a drop). */
  arrive: number;
  /** A second arrival when the link duplicated the message. */
  duplicateAt: number | null;
}

export function jitterDraw(dist: JitterDistribution, ms: number, rng: Rng): number {
  if (ms <= 0) return 0;
  switch (dist) {
    case 'none':
      return 0;
    case 'uniform':
      return rng.next() * ms;
    case 'normal':
      return Math.min(ms, Math.max(0, ms / 2 + (ms / 4) * rng.normal()));
    case 'exponential':
      return -Math.log(1 - rng.next()) * ms;
  }
}

/** Largest extra delay a distribution can add, or Infinity for an unbounded tail. */
export function jitterBound(dist: JitterDistribution, ms: number): number {
  if (dist === 'none' || ms <= 0) return 0;
  return dist === 'exponential' ? Infinity : ms;
}

export class Network {
  /** Node ids to positions: links are numbered from · n + to over positions. */
  readonly ids: IdIndex;
  private readonly n: number;
  private defaults: LinkSettings;
  /** What the user set per link (only those fields), and the link as it results over the current defaults. */
  private readonly patches = new Map<number, Partial<LinkSettings>>();
  private readonly overrides = new Map<number, LinkSettings>();
  /** Last arrival per FIFO link. */
  private readonly lastArrival: LastArrival;
  private group: Int32Array;
  /** The largest one-way delay (timeouts.ts), kept up to date by every change of links. */
  private delayBound = 0;

  constructor(nodeIds: readonly NodeId[], defaults: LinkSettings, overrides: readonly LinkOverride[] = []) {
    this.ids = new IdIndex(nodeIds);
    this.n = nodeIds.length;
    this.defaults = { ...defaults };
    this.group = new Int32Array(this.n);
    this.lastArrival = makeLastArrival(this.n);
    this.delayBound = linkDelayBound(this.defaults);
    for (const o of overrides) this.setLink(o.from, o.to, o);
  }

  /** The largest one-way delay any message can now take (exponential tails: their 99.9th percentile). */
  maxDelay(): number {
    return this.delayBound;
  }

  private key(from: NodeId, to: NodeId): number {
    const a = this.ids.of(from);
    const b = this.ids.of(to);
    if (a < 0 || b < 0) throw new Error(`no link ${from}→${to}`);
    return a * this.n + b;
  }

  link(from: NodeId, to: NodeId): LinkSettings {
    return this.overrides.get(this.key(from, to)) ?? this.defaults;
  }

  get defaultLink(): LinkSettings {
    return this.defaults;
  }

  /** Changes the defaults; a link keeps only the fields set on it, so it follows the rest. */
  setDefaults(patch: Partial<LinkSettings>): void {
    this.defaults = { ...this.defaults, ...known(patch) };
    for (const [key, p] of this.patches) this.overrides.set(key, { ...this.defaults, ...p });
    this.delayBound = networkDelayBound(this.defaults, this.overrides.values());
  }

  setLink(from: NodeId, to: NodeId, patch: Partial<LinkSettings>): void {
    const key = this.key(from, to);
    const merged = { ...this.patches.get(key), ...known(patch) };
    this.patches.set(key, merged);
    const link = { ...this.defaults, ...merged };
    this.overrides.set(key, link);
    // A link at or above the maximum is the new maximum; one below may have been it before, so look again.
    const bound = linkDelayBound(link);
    this.delayBound = bound >= this.delayBound ? bound : networkDelayBound(this.defaults, this.overrides.values());
  }

  /** Splits the nodes into groups; nodes named in no group form one more group together. */
  partition(groups: readonly (readonly NodeId[])[]): void {
    this.group = new Int32Array(this.n);
    groups.forEach((g, gi) => {
      for (const id of g) {
        const i = this.ids.of(id);
        if (i >= 0) this.group[i] = gi + 1;
      }
    });
  }

  heal(): void {
    this.group = new Int32Array(this.n);
  }

  /** Smallest base latency over every link: events closer together than this cannot influence each other. */
  minLatency(): number {
    let min = this.defaults.latencyMs;
    for (const l of this.overrides.values()) min = Math.min(min, l.latencyMs);
    return min;
  }

  /** Decides the fate and arrival time of one message sent now. */
  route(from: NodeId, to: NodeId, now: number, rng: Rng): Route {
    const key = this.key(from, to);
    const n = this.n;
    return this.routeAt((key - (key % n)) / n, key % n, now, rng, { fate: 'ok', arrive: 0, duplicateAt: null });
  }

  /** `route` by node positions, written into `out` (the simulation reuses one per send). */
  routeAt(a: number, b: number, now: number, rng: Rng, out: Route): Route {
    const link = this.overrides.size === 0 ? this.defaults : (this.overrides.get(a * this.n + b) ?? this.defaults);
    let arrive = now + link.latencyMs + jitterDraw(link.jitter, link.jitterMs, rng);
    if (link.fifo) {
      const last = this.lastArrival.get(a, b);
      if (last > arrive) arrive = last;
      this.lastArrival.set(a, b, arrive);
    }
    let fate: Fate = 'ok';
    if (!link.up) fate = 'cut';
    else if (this.group[a] !== this.group[b]) fate = 'partition';
    else if (link.loss > 0 && rng.next() < link.loss) fate = 'loss';
    let duplicateAt: number | null = null;
    if (fate === 'ok' && link.duplicate > 0 && rng.next() < link.duplicate) {
      duplicateAt = arrive + jitterDraw(link.jitter === 'none' ? 'uniform' : link.jitter, Math.max(link.jitterMs, 1), rng);
      if (link.fifo) this.lastArrival.set(a, b, duplicateAt);
    }
    out.fate = fate;
    out.arrive = arrive;
    out.duplicateAt = duplicateAt;
    return out;
  }

  /**
   * A message on link a→b reached its time `at` (delivered or dropped). Once the last one
   * sent on a link has, nothing on it is in flight and its FIFO entry can go: FIFO state
   * then stays as large as the links with messages in flight, not n².
   */
  arrived(a: number, b: number, at: number): void {
    this.lastArrival.arrived(a, b, at);
  }
}

/** Only the link fields we know, without undefined values (input may come from a file or a URL). */
function known(patch: Partial<LinkSettings>): Partial<LinkSettings> {
  const out: Partial<LinkSettings> = {};
  for (const k of Object.keys(DEFAULT_LINK) as (keyof LinkSettings)[]) {
    if (patch[k] !== undefined) (out as Record<string, unknown>)[k] = patch[k];
  }
  return out;
}

interface LastArrival {
  get(a: number, b: number): number;
  set(a: number, b: number, at: number): void;
  arrived(a: number, b: number, at: number): void;
}

/** Up to 1,024 nodes a flat array (8 MB at most); beyond, per sender a map of its links with messages in flight. */
const FLAT_LINKS = 1 << 20;

function makeLastArrival(n: number): LastArrival {
  if (n * n <= FLAT_LINKS) {
    const flat = new Float64Array(n * n).fill(-Infinity);
    return {
      get: (a, b) => flat[a * n + b] as number,
      set: (a, b, at) => void (flat[a * n + b] = at),
      arrived: () => undefined,
    };
  }
  // One map per sender: a single map of every link would pass V8's 2^24-entry limit at 10,000 nodes.
  const bySender: (Map<number, number> | undefined)[] = new Array<Map<number, number> | undefined>(n).fill(undefined);
  return {
    get: (a, b) => bySender[a]?.get(b) ?? -Infinity,
    set: (a, b, at) => {
      let links = bySender[a];
      if (!links) bySender[a] = links = new Map();
      links.set(b, at);
    },
    arrived: (a, b, at) => {
      const links = bySender[a];
      if (links !== undefined && links.get(b) === at) links.delete(b);
    },
  };
}
