// What the views draw, derived from the trace alone: each node's status, role, leader and
// clock; the messages in flight (sent, not yet delivered or dropped) with their send and
// arrival times; recent drops; the last log lines; the algorithm's latest round (an
// election, a Berkeley cycle, the Cristian syncs: its definition folds it); the partition. `applyEvents` is a pure reducer that shares
// structure: a node whose status, role, leader and rounded offset did not change keeps the
// same object, so a glyph that selects it does not re-render.

import {
  algorithmFor,
  type AlgorithmId,
  clockChange,
  type ClockState,
  CRASHED,
  describeEvent,
  type DropReason,
  type JsonValue,
  type LinkSettings,
  makeClock,
  type NodeId,
  readClock,
  type NodeRole,
  type Scenario,
  type TraceEvent,
  type TrueTime,
} from '../core/index.ts';
import { messageContents } from './message-contents.ts';

/** How many log lines the page keeps (the full trace stays with the runner). */
export const LOG_LIMIT = 400;
/** A dropped message's cross stays this long in simulated ms, and at least DROP_MIN_FRAMES frames. */
export const DROP_VISIBLE_MS = 500;
export const DROP_MIN_FRAMES = 40;
/**
 * At most this many crosses at once, the latest: one frame can hold thousands of drops (an
 * imported trace is folded as one, a long run at top speed), and a cross each froze the page
 * for a second drawing 4,000 of them where a few dozen already say "messages are lost here".
 */
export const DROP_SHOWN_MAX = 64;

export interface NodeState {
  readonly id: NodeId;
  readonly name: string;
  readonly status: 'alive' | 'crashed';
  /** The machine's role, 'crashed' while crashed (the one spelling every reader uses). */
  readonly role: NodeRole;
  readonly leader: NodeId | null;
  readonly clock: ClockState;
  /** Local clock minus true time, rounded to whole ms. */
  readonly offsetMs: number;
  /** The host's error when the node's worker threw or hung (the node is then crashed), until it boots again. */
  readonly faulted: string | null;
  /** A real process behind the relay (ARCHITECTURE.md §6), and where it last connected from. */
  readonly external?: true;
  readonly address?: string;
}

export interface InFlight {
  readonly key: string;
  readonly msgId: number;
  /** The send's seq (its logical timestamp is looked up by it). */
  readonly seq: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly kind: string;
  readonly sendT: number;
  readonly arriveT: number;
  /** The message as sent (its kind and payload), for the hover card. */
  readonly msg?: JsonValue;
}

export interface Failure {
  readonly key: string;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly kind: string;
  readonly t: number;
  readonly reason: DropReason;
  /** Frame number it appeared in (drops stay visible for a few frames even at high speed). */
  readonly frame: number;
}

export interface LogLine {
  readonly seq: number;
  readonly text: string;
  /** Nodes the line is about (for the node filter). */
  readonly nodes: readonly NodeId[];
  /** The message kind for message events, else the event type (for the kind filter). */
  readonly kind: string;
}

export interface Announcement {
  readonly seq: number;
  readonly text: string;
}

export interface TraceView {
  readonly algorithm: AlgorithmId;
  readonly order: readonly NodeId[];
  readonly nodes: Readonly<Record<NodeId, NodeState>>;
  readonly inFlight: readonly InFlight[];
  readonly failures: readonly Failure[];
  readonly log: readonly LogLine[];
  /** The algorithm's latest round, as its registry definition folds it (its panel knows the shape). */
  readonly round: unknown;
  readonly partition: readonly (readonly NodeId[])[] | null;
  /** What the user (or the scenario) set on single directed links, keyed by `linkKey(from, to)`. */
  readonly links: Readonly<Record<string, Partial<LinkSettings>>>;
  /** Every link's settings where none is set apart: the scenario's, as `network` actions change them. */
  readonly linkDefaults: LinkSettings;
  readonly announcement: Announcement | null;
  /** Message kinds seen so far, in order of first sending (for the legend and the log filter). */
  readonly kinds: readonly string[];
  readonly eventCount: number;
}

export function initialTraceView(scenario: Scenario): TraceView {
  const nodes: Record<NodeId, NodeState> = {};
  for (const spec of scenario.nodes) {
    nodes[spec.id] = {
      id: spec.id,
      name: spec.name,
      status: 'alive',
      role: 'idle',
      leader: null,
      clock: makeClock(spec.clock, scenario.slewRate),
      offsetMs: Math.round(spec.clock.offsetMs),
      faulted: null,
      ...(spec.external ? { external: true as const } : {}),
    };
  }
  return {
    algorithm: scenario.algorithm.id,
    order: scenario.nodes.map((n) => n.id),
    nodes,
    inFlight: [],
    failures: [],
    log: [],
    round: algorithmFor(scenario.algorithm.id).round.initial,
    partition: null,
    links: initialLinks(scenario),
    linkDefaults: scenario.network.defaults,
    announcement: null,
    kinds: [],
    eventCount: 0,
  };
}

/** The key of the directed link from → to in `TraceView.links`. */
export const linkKey = (from: NodeId, to: NodeId): string => `${from}>${to}`;

function initialLinks(scenario: Scenario): Record<string, Partial<LinkSettings>> {
  const links: Record<string, Partial<LinkSettings>> = {};
  for (const { from, to, ...patch } of scenario.network.links) links[linkKey(from, to)] = { ...links[linkKey(from, to)], ...patch };
  return links;
}

/** The nodes as a frame's events change them; unchanged nodes keep their object. */
class NodeFold {
  readonly nodes: Record<NodeId, NodeState>;
  private changed = false;
  constructor(private readonly base: TraceView['nodes']) {
    this.nodes = { ...base };
  }

  private patch(id: NodeId, change: Partial<Omit<NodeState, 'id'>>): void {
    const old = this.nodes[id];
    if (!old) return;
    this.nodes[id] = { ...old, ...change };
    this.changed = true;
  }

  apply(e: TraceEvent): void {
    const clock = clockChange(e, (id) => this.nodes[id]?.clock);
    if (clock) this.patch(clock.node, { clock: clock.clock });
    switch (e.type) {
      case 'node':
        return this.patch(e.node, { name: e.name });
      case 'boot':
        return this.patch(e.node, { status: 'alive', role: 'idle', leader: null, faulted: null });
      case 'crash':
        return this.patch(e.node, { status: 'crashed', role: CRASHED, leader: null });
      case 'fault':
        return this.patch(e.node, { status: 'crashed', role: CRASHED, leader: null, faulted: e.error });
      case 'role':
        return this.patch(e.node, { role: e.role, leader: e.leader });
      case 'action':
        if (e.action.type === 'attach') this.patch(e.action.node, { address: e.action.address });
        return;
      default:
        return;
    }
  }

  /** Brings every node's rounded offset to `now`. Only when a node changed does the record change, so whole-record selectors stay quiet too. */
  settle(order: readonly NodeId[], now: TrueTime): TraceView['nodes'] {
    for (const id of order) {
      const n = this.nodes[id];
      if (!n) continue;
      const offsetMs = Math.round(readClock(n.clock, now) - now);
      if (offsetMs !== n.offsetMs) {
        this.nodes[id] = { ...n, offsetMs };
        this.changed = true;
      }
    }
    return this.changed ? this.nodes : this.base;
  }
}

/**
 * Messages in flight, recent drops and the kinds seen, as a frame's events change them. A
 * frame's arrivals are keyed by message id and taken out in one pass at its end, not searched
 * for and spliced out one by one (thousands in flight, thousands delivered per frame).
 */
class MessageFold {
  private readonly added: InFlight[] = [];
  /** Message id → how many of its copies (a duplicate is a second copy) arrived or were dropped this frame. */
  private readonly gone = new Map<number, number>();
  private readonly failures: Failure[];
  kinds: readonly string[];
  constructor(
    private readonly view: TraceView,
    private readonly frame: number,
    now: TrueTime,
  ) {
    this.failures = view.failures.filter((f) => now - f.t < DROP_VISIBLE_MS || frame - f.frame < DROP_MIN_FRAMES);
    this.kinds = view.kinds;
  }

  private remove(msgId: number): void {
    this.gone.set(msgId, (this.gone.get(msgId) ?? 0) + 1);
  }

  apply(e: TraceEvent): void {
    switch (e.type) {
      case 'send':
        this.added.push({
          key: `m${e.msgId}`,
          msgId: e.msgId,
          seq: e.seq,
          from: e.node,
          to: e.to,
          kind: e.kind,
          sendT: e.t,
          arriveT: e.arrive,
          msg: e.msg as unknown as JsonValue,
        });
        if (!this.kinds.includes(e.kind)) this.kinds = [...this.kinds, e.kind];
        return;
      case 'duplicate': {
        // Rare: a look through what is in flight is fine here.
        const original = this.added.find((m) => m.msgId === e.msgId) ?? this.view.inFlight.find((m) => m.msgId === e.msgId);
        if (original) this.added.push({ ...original, key: `m${e.msgId}d`, arriveT: e.arrive });
        return;
      }
      case 'deliver':
        return this.remove(e.msgId);
      case 'drop':
        this.remove(e.msgId);
        this.failures.push({ key: `x${e.seq}`, from: e.from, to: e.node, kind: e.kind, t: e.t, reason: e.reason, frame: this.frame });
        return;
      default:
        return;
    }
  }

  /** Empty lists, and a frame that changed nothing in flight, keep their identity, so the message layer does not redraw for nothing. */
  result(): Pick<TraceView, 'inFlight' | 'failures' | 'kinds'> {
    const { view, gone } = this;
    let inFlight = view.inFlight;
    if (this.added.length > 0 || gone.size > 0) {
      const next: InFlight[] = [];
      // Each arrival takes out the earliest copy of its message still in flight (the original before its duplicate).
      const keep = (m: InFlight): void => {
        const n = gone.get(m.msgId);
        if (n === undefined) next.push(m);
        else if (n > 1) gone.set(m.msgId, n - 1);
        else gone.delete(m.msgId);
      };
      for (const m of view.inFlight) keep(m);
      for (const m of this.added) keep(m);
      inFlight = next.length === 0 && view.inFlight.length === 0 ? view.inFlight : next;
    }
    const failures = this.failures.length > DROP_SHOWN_MAX ? this.failures.slice(-DROP_SHOWN_MAX) : this.failures;
    return {
      inFlight,
      failures: failures.length === 0 && view.failures.length === 0 ? view.failures : failures,
      kinds: this.kinds,
    };
  }
}

type NetworkView = Pick<TraceView, 'partition' | 'links' | 'linkDefaults'>;

/** How a user action changes the partition and the per-link settings. */
function networkChange(network: NetworkView, e: TraceEvent): NetworkView {
  if (e.type !== 'action') return network;
  const a = e.action;
  if (a.type === 'partition') return { ...network, partition: a.groups };
  if (a.type === 'heal') return { ...network, partition: null };
  if (a.type === 'network') return { ...network, linkDefaults: { ...network.linkDefaults, ...a.patch } };
  if (a.type === 'link') {
    const key = linkKey(a.from, a.to);
    return { ...network, links: { ...network.links, [key]: { ...network.links[key], ...a.patch } } };
  }
  return network;
}

/** Folds a frame's events into the view and brings every offset to `now`. */
/** `settleAt` is the moment the nodes' rounded offsets are brought to (the page's readout time; `now` unless said). */
export function applyEvents(
  view: TraceView,
  events: readonly TraceEvent[],
  now: TrueTime,
  frame: number,
  settleAt: TrueTime = now,
): TraceView {
  const nodes = new NodeFold(view.nodes);
  const messages = new MessageFold(view, frame, now);
  // Names can change within the frame (a `node` event), so read them from the nodes as they stand.
  const nameOf = (id: number): string => nodes.nodes[id]?.name ?? `P${id}`;
  const roundModel = algorithmFor(view.algorithm).round;
  let round = view.round;
  let network: NetworkView = { partition: view.partition, links: view.links, linkDefaults: view.linkDefaults };
  let announcement = view.announcement;
  const newLines: LogLine[] = [];
  const logFrom = Math.max(0, events.length - LOG_LIMIT);

  for (let i = 0; i < events.length; i++) {
    const e = events[i] as TraceEvent;
    nodes.apply(e);
    messages.apply(e);
    network = networkChange(network, e);
    round = roundModel.apply(round, e, (id) => nodes.nodes[id]?.clock);
    if (e.type === 'note' && roundModel.announced.includes(e.topic))
      announcement = { seq: e.seq, text: describeEvent(e, nameOf).replace(/^\S+ s {2}/, '') };
    if (i >= logFrom) newLines.push(logLine(e, nameOf));
  }

  return {
    algorithm: view.algorithm,
    order: view.order,
    nodes: nodes.settle(view.order, settleAt),
    ...messages.result(),
    log: newLines.length === 0 ? view.log : [...view.log, ...newLines].slice(-LOG_LIMIT),
    round,
    ...network,
    announcement,
    eventCount: view.eventCount + events.length,
  };
}

function logLine(e: TraceEvent, nameOf: (id: number) => string): LogLine {
  const text = describeEvent(e, nameOf);
  switch (e.type) {
    case 'send': {
      // What it carries, where that matters: "P5 → P6  ELECTION [5]", "… REPLY Ts = 1.031 s".
      const contents = messageContents(e.msg, nameOf);
      return { seq: e.seq, text: contents ? `${text} ${contents}` : text, nodes: [e.node, e.to], kind: e.kind };
    }
    case 'deliver':
      return { seq: e.seq, text, nodes: [e.node, e.from], kind: e.kind };
    case 'drop':
      return { seq: e.seq, text, nodes: [e.node, e.from], kind: e.kind };
    case 'action': {
      const a = e.action;
      const nodes = 'node' in a ? [a.node] : a.type === 'link' ? [a.from, a.to] : [];
      return { seq: e.seq, text, nodes, kind: 'action' };
    }
    default:
      return { seq: e.seq, text, nodes: [e.node], kind: e.type };
  }
}

/** Where a message is along its link, 0 at the sender and 1 at the receiver. */
export function messageProgress(m: InFlight, now: number): number {
  const span = m.arriveT - m.sendT;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (now - m.sendT) / span));
}

/** Spread (max − min) of the given nodes' offsets, or 0 for fewer than two. */
export function offsetSpread(view: TraceView, ids: readonly NodeId[]): number {
  const offsets = ids.map((id) => view.nodes[id]?.offsetMs).filter((o): o is number => o !== undefined);
  return offsets.length < 2 ? 0 : Math.max(...offsets) - Math.min(...offsets);
}
