// The page's side of a relay session (ARCHITECTURE.md §6): it turns what the relay reports about
// real programs into recorded actions on the live run, and messages the simulation delivers
// to external nodes into timestamps the relay writes. Everything a real process does enters
// the run as an action (attach, detach, external sends and notes), so the trace of a session
// replays offline, byte for byte, with no relay (hosts/resimulate.ts).
//
// Time: the simulation is paced at 1× to the wall clock, and true time t is the relay's clock
// minus `epoch` (fixed when the session starts); a local clock reading L is the time epoch + L.
// The programs run on the relay's machine, so their clocks are the session's true time.
//
// What each direction becomes (the programs' wire format: shared/seed/programs/README.md):
// 1. A real Cristian client connects: its node attaches and sends REQUEST to the server; the
//    simulated server's REPLY, when it arrives, is written to the socket as its clock Ts
//    (the seed's server writes one timestamp on accept). A note records the sync the client
//    would compute (it never sets its clock, so nothing is checked against it).
// 2. A real Berkeley slave pushes its clock every ~5 s: each push is a TIME message to the
//    master (not an answer to any poll, so the master files it under no cycle). The master's
//    POLL to a real slave is answered on its behalf from its latest push, carried forward by
//    the time since (a real slave cannot answer polls). The master's relative ADJUST is
//    written as the absolute time the seed's slave understands: its own clock plus delta.
// 3. A simulated client's REQUEST to the real Cristian server dials it; the timestamp it writes
//    on accept comes back as the REPLY, after half the real round trip.
// 4. Simulated slaves each keep one connection to the real Berkeley master. Every 5.5 s the
//    master's node asks them for their clock (a POLL; the seed master cannot poll) and their
//    TIME is written upstream, as the seed's slave pushes. The absolute times the master sends
//    back become ADJUSTs of what they imply, and one note per cycle shows the seed master's
//    sums beside dslab's Berkeley; the invariant checkers flag its mistakes.

import {
  type ExternalDelivery,
  type Message,
  type NodeId,
  type NodeRecord,
  readClock,
  type Scenario,
  type TraceEvent,
  trueTime,
  type UserCommand,
} from '../core/index.ts';
import { type PageCommand, parseRelayEvent, type RelayEvent, type Service } from '../relay/protocol.ts';
import { hubOf, relayServiceOf, relaySetting } from '../scenarios/relay.ts';

export type RelayHello = Extract<RelayEvent, { type: 'hello' }>;

/** What the session needs of the live runner. */
export interface RelayRunner {
  act(command: UserCommand): void;
  now(): number;
  node(id: NodeId): Readonly<NodeRecord> | undefined;
  trace(): readonly TraceEvent[];
}

export interface RelaySessionOptions {
  runner: RelayRunner;
  scenario: Scenario;
  hello: RelayHello;
  /** When the hello arrived, on `wallClock`. */
  helloAt: number;
  send: (command: PageCommand) => void;
  /** A line for the page's relay panel. */
  log?: (line: string) => void;
  wallClock?: () => number;
}

/** The seed master reads each slave once and sleeps 5 s: ask a little less often than that. */
export const UPSTREAM_PUSH_MS = 5_500;
/** The seed master writes to every slave in one loop: answers this close together are one cycle. */
const CYCLE_GATHER_MS = 300;
const REDIAL_MS = 5_000;

interface Inbound {
  conn: string;
  node: NodeId;
  service: Service;
  /** Cristian: the probe its REQUEST carried, and whether the REPLY was written. */
  probe: number;
  answered: boolean;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
const signed = (ms: number): string => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)} ms`;

export class RelaySession {
  private readonly o: RelaySessionOptions;
  private readonly wallClock: () => number;
  /** Relay clock at true time 0. */
  private epoch = 0;
  private started = false;
  private disposed = false;
  private readonly hub: NodeId | null;
  /** The lab programs' protocol the scenario's algorithm speaks (its definition says), or null. */
  private readonly service: Service | null;
  /** External nodes for named programs, by the relay's name. */
  private readonly slots = new Map<string, NodeId>();
  /** The hub, when it is a real upstream server (directions 3 and 4). */
  private readonly upstreamHub: NodeId | null;
  private readonly inbound = new Map<string, Inbound>();
  private readonly inboundByNode = new Map<NodeId, Inbound>();
  /** Real slaves' latest pushes: their reading and the true time it stood for. */
  private readonly pushes = new Map<NodeId, { clockMs: number; t: number; extraMs: number }>();
  private nextProbe = 1;
  private nextRef = 1;
  /** Direction 3: dials in progress, by ref. */
  private readonly cristianDials = new Map<string, { client: NodeId; probe: number; conn: string | null }>();
  /** Direction 4: each simulated slave's upstream connection, and what it last pushed. */
  private readonly upstreamSlaves = new Map<NodeId, { ref: string; conn: string | null; pushed: { clockMs: number; t: number } | null }>();
  private gather: { items: { slave: NodeId; time: number; at: number }[]; timer: ReturnType<typeof setTimeout> } | null = null;
  private seedCycle = 0;
  private pollCycle = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private pushTimer: ReturnType<typeof setInterval> | null = null;

  constructor(options: RelaySessionOptions) {
    this.o = options;
    this.wallClock = options.wallClock ?? (() => performance.now());
    const { scenario } = options;
    this.hub = hubOf(scenario);
    this.service = relayServiceOf(scenario);
    const hubNode = scenario.nodes.find((n) => n.id === this.hub);
    this.upstreamHub = hubNode?.external ? hubNode.id : null;
    const named = scenario.nodes.filter((n) => n.external && n.id !== this.hub);
    options.hello.names.forEach((name, i) => {
      const node = named[i];
      if (node) this.slots.set(name, node.id);
    });
  }

  /** The relay's clock now, as estimated from its hello. */
  private relayNow(): number {
    return this.o.hello.now + (this.wallClock() - this.o.helloAt);
  }

  /** Call as the run starts playing: fixes the time line and reaches any upstream server. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.epoch = this.relayNow() - this.o.runner.now();
    const service = this.service;
    if (this.upstreamHub !== null && service !== null) {
      const address = this.o.hello.upstream[service];
      this.act({
        type: 'attach',
        node: this.upstreamHub,
        address: address ?? '?',
        role: service === 'cristian' ? 'server' : 'master',
        leader: this.upstreamHub,
      });
      if (service === 'berkeley') {
        for (const n of this.o.scenario.nodes) if (n.id !== this.upstreamHub && !n.external) this.dialBerkeley(n.id);
        this.pushTimer = setInterval(() => this.pollUpstreamSlaves(), UPSTREAM_PUSH_MS);
      }
    }
  }

  get epochMs(): number {
    return this.epoch;
  }

  /** A raw WebSocket message from the relay. */
  receive(raw: string): void {
    if (this.disposed) return;
    const parsed = parseRelayEvent(raw);
    if (!parsed.ok) return this.log(`ignored a relay message: ${parsed.error}`);
    this.event(parsed.value);
  }

  /** The WebSocket closed: every real process is gone with it. */
  disconnected(reason: string): void {
    if (this.disposed) return;
    this.log(`relay disconnected: ${reason}`);
    for (const entry of this.inbound.values()) this.act({ type: 'detach', node: entry.node, reason: 'the relay disconnected' });
    if (this.upstreamHub !== null) this.act({ type: 'detach', node: this.upstreamHub, reason: 'the relay disconnected' });
    this.inbound.clear();
    this.inboundByNode.clear();
    this.dispose();
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.pushTimer) clearInterval(this.pushTimer);
    if (this.gather) clearTimeout(this.gather.timer);
  }

  private log(line: string): void {
    this.o.log?.(line);
  }

  private act(command: UserCommand): void {
    if (!this.disposed) this.o.runner.act(command);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.disposed) fn();
    }, ms);
    this.timers.add(t);
  }

  /** A reading of the relay's clock as a local clock value on the session's time line. */
  private local(relayTime: number): number {
    return relayTime - this.epoch;
  }

  private event(e: RelayEvent): void {
    switch (e.type) {
      case 'hello':
        return this.log('relay said hello twice: ignored');
      case 'log':
        return this.log(`relay: ${e.text}`);
      case 'wrote':
        return this.log(`wrote ${e.stamp} to ${this.connName(e.conn)}`);
      case 'open':
        return e.dialed ? this.openedUpstream(e) : this.openedInbound(e);
      case 'time':
        return this.time(e);
      case 'close':
        return this.closed(e);
    }
  }

  // ---- directions 1 and 2: programs that connected to the relay ----

  private openedInbound(e: Extract<RelayEvent, { type: 'open' }>): void {
    const node = e.name === null ? undefined : this.slots.get(e.name);
    if (node === undefined || this.hub === null)
      return this.log(`a program connected as ${e.name ?? 'nobody'}, which has no node here: ignored`);
    if (this.service !== e.service) {
      return this.log(
        `${e.name} connected to the relay's ${e.service} port, but this scenario runs ${this.o.scenario.algorithm.id}: ignored`,
      );
    }
    const previous = this.inboundByNode.get(node);
    if (previous) this.inbound.delete(previous.conn);
    const entry: Inbound = { conn: e.conn, node, service: e.service, probe: 0, answered: false };
    this.inbound.set(e.conn, entry);
    this.inboundByNode.set(node, entry);
    this.act({ type: 'attach', node, address: e.address, role: e.service === 'cristian' ? 'client' : 'slave', leader: this.hub });
    if (e.service === 'cristian') {
      // The seed's client sends nothing: connecting is its request.
      entry.probe = this.nextProbe++;
      this.act({ type: 'external', node, sends: [{ to: this.hub, msg: { kind: 'REQUEST', probe: entry.probe }, extraMs: 0 }], note: null });
    }
  }

  private closed(e: Extract<RelayEvent, { type: 'close' }>): void {
    const entry = this.inbound.get(e.conn);
    if (entry) {
      this.inbound.delete(e.conn);
      if (this.inboundByNode.get(entry.node) === entry) this.inboundByNode.delete(entry.node);
      // A Cristian client that got its answer and left has finished, not crashed.
      if (!(entry.service === 'cristian' && entry.answered)) this.act({ type: 'detach', node: entry.node, reason: e.reason });
      return;
    }
    const ref = e.ref;
    if (ref === null) return;
    const dial = this.cristianDials.get(ref);
    if (dial) {
      this.cristianDials.delete(ref);
      // No timestamp came: the REQUEST is lost, and the client's own timeout takes over.
      if (e.reason !== 'answered') this.upstreamNote(`no answer from the real server for probe ${dial.probe}: ${e.reason}`);
      return;
    }
    for (const [slave, up] of this.upstreamSlaves) {
      if (up.ref !== ref) continue;
      up.conn = null;
      this.upstreamNote(`${this.nameOf(slave)} lost its connection to the real master (${e.reason}); retrying in ${REDIAL_MS / 1000} s`);
      this.later(REDIAL_MS, () => this.dialBerkeley(slave));
    }
  }

  private time(e: Extract<RelayEvent, { type: 'time' }>): void {
    const entry = this.inbound.get(e.conn);
    if (entry) {
      if (entry.service !== 'berkeley' || this.hub === null) return;
      // The slave stamped its clock as it sent: on this machine, reading it later is the real latency.
      const extraMs = Math.max(0, e.at - e.time);
      const clockMs = this.local(e.time);
      this.pushes.set(entry.node, { clockMs, t: this.local(e.at), extraMs });
      this.act({
        type: 'external',
        node: entry.node,
        sends: [{ to: this.hub, msg: { kind: 'TIME', cycle: 0, epoch: 0, clockMs }, extraMs }],
        note: null,
      });
      return;
    }
    for (const dial of this.cristianDials.values()) {
      if (dial.conn !== e.conn) continue;
      if (this.upstreamHub === null) return;
      // The real server's clock when it wrote, and half the real round trip for the way back.
      const ts = this.local(e.time);
      const extraMs = Math.max(0, (e.rttMs ?? 0) / 2);
      this.act({
        type: 'external',
        node: this.upstreamHub,
        sends: [{ to: dial.client, msg: { kind: 'REPLY', probe: dial.probe, ts }, extraMs }],
        note: null,
      });
      return;
    }
    for (const [slave, up] of this.upstreamSlaves) {
      if (up.conn !== e.conn) continue;
      this.gatherSeedCycle(slave, e.time, e.at);
      return;
    }
  }

  // ---- messages the simulation delivers to external nodes ----

  /** Pass as the live runner's onExternal. Called at the delivery's true time, inside the run. */
  delivered(d: ExternalDelivery): void {
    if (this.disposed || !this.started) return;
    const msg = d.msg as Message & Record<string, unknown>;
    const entry = this.inboundByNode.get(d.node);
    if (entry) return this.toInbound(entry, d, msg);
    if (d.node === this.upstreamHub) return this.toUpstreamHub(d, msg);
  }

  private toInbound(entry: Inbound, d: ExternalDelivery, msg: Message & Record<string, unknown>): void {
    if (entry.service === 'cristian' && msg.kind === 'REPLY') {
      if (num(msg['probe']) !== entry.probe || entry.answered) return;
      entry.answered = true;
      const ts = num(msg['ts']);
      this.o.send({ type: 'write', conn: entry.conn, time: this.epoch + ts, deltaMs: null });
      this.cristianNote(entry, d, ts);
      return;
    }
    if (entry.service === 'berkeley' && msg.kind === 'POLL') {
      const push = this.pushes.get(entry.node);
      if (!push) return; // nothing pushed yet: this cycle goes without it
      const now = this.o.runner.now();
      const clockMs = push.clockMs + (now - push.t);
      this.act({
        type: 'external',
        node: entry.node,
        sends: [{ to: d.from, msg: { kind: 'TIME', cycle: num(msg['cycle']), epoch: num(msg['epoch']), clockMs }, extraMs: push.extraMs }],
        note: null,
      });
      return;
    }
    if (entry.service === 'berkeley' && msg.kind === 'ADJUST') {
      // The seed's slave understands one absolute time: its own clock moved by the adjustment.
      this.o.send({ type: 'write', conn: entry.conn, time: null, deltaMs: num(msg['deltaMs']) });
    }
  }

  /** What the real client computes from this reply (it prints it and never sets its clock). */
  private cristianNote(entry: Inbound, d: ExternalDelivery, ts: number): void {
    const t1 = this.o.runner.now();
    const trace = this.o.runner.trace();
    let t0 = t1;
    for (let i = trace.length - 1; i >= 0; i--) {
      const e = trace[i] as TraceEvent;
      if (e.type === 'send' && e.node === entry.node && e.kind === 'REQUEST' && (e.msg as { probe?: number }).probe === entry.probe) {
        t0 = e.t;
        break;
      }
    }
    const rtt = t1 - t0;
    const after = ts + rtt / 2;
    const boundMs = Math.max(0, rtt / 2 - (relaySetting(this.o.scenario, 'minDelayMs') ?? 0));
    const serverNow = this.o.runner.node(d.from);
    const serverClock = serverNow ? readClock(serverNow.clock, trueTime(t1)) : NaN;
    this.act({
      type: 'external',
      node: entry.node,
      sends: [],
      note: {
        topic: 'cristian-sync',
        text: `real client got server time ${(ts / 1000).toFixed(3)} s after an RTT of ${rtt.toFixed(1)} ms: it would set ${(after / 1000).toFixed(3)} s (${signed(after - serverClock)} from the server, bound ±${boundMs.toFixed(1)} ms) and never sets it`,
        data: {
          server: d.from,
          round: entry.probe,
          probe: entry.probe,
          ts,
          t0,
          t1,
          rtt,
          before: t1,
          after,
          deltaMs: after - t1,
          boundMs,
          probes: 1,
          replies: 1,
          mode: 'none',
          external: true,
          errorMs: after - serverClock,
        },
      },
    });
  }

  private toUpstreamHub(d: ExternalDelivery, msg: Message & Record<string, unknown>): void {
    if (this.service === 'cristian' && msg.kind === 'REQUEST') {
      const ref = `q${this.nextRef++}`;
      this.cristianDials.set(ref, { client: d.from, probe: num(msg['probe']), conn: null });
      this.o.send({ type: 'dial', service: 'cristian', ref });
      return;
    }
    if (this.service === 'berkeley' && msg.kind === 'TIME') {
      const up = this.upstreamSlaves.get(d.from);
      if (!up || up.conn === null) return;
      const clockMs = num(msg['clockMs']);
      up.pushed = { clockMs, t: this.o.runner.now() };
      this.o.send({ type: 'write', conn: up.conn, time: this.epoch + clockMs, deltaMs: null });
    }
  }

  // ---- directions 3 and 4: the relay dials real servers ----

  private openedUpstream(e: Extract<RelayEvent, { type: 'open' }>): void {
    const ref = e.ref;
    if (ref === null) return;
    const dial = this.cristianDials.get(ref);
    if (dial) {
      this.cristianDials.set(ref, { ...dial, conn: e.conn });
      return;
    }
    for (const [slave, up] of this.upstreamSlaves) {
      if (up.ref !== ref) continue;
      up.conn = e.conn;
      // The seed's slave pushes its clock as soon as it is connected.
      this.pollUpstreamSlaves([slave]);
      return;
    }
    this.o.send({ type: 'close', conn: e.conn });
  }

  private dialBerkeley(slave: NodeId): void {
    const ref = `b${this.nextRef++}`;
    this.upstreamSlaves.set(slave, { ref, conn: null, pushed: this.upstreamSlaves.get(slave)?.pushed ?? null });
    this.o.send({ type: 'dial', service: 'berkeley', ref });
  }

  /** The real master's node asks simulated slaves for their clock, so they push it as the seed's slaves do. */
  private pollUpstreamSlaves(only?: NodeId[]): void {
    if (this.upstreamHub === null) return;
    const slaves = (only ?? [...this.upstreamSlaves.keys()]).filter((s) => this.upstreamSlaves.get(s)?.conn);
    if (slaves.length === 0) return;
    const cycle = ++this.pollCycle;
    this.act({
      type: 'external',
      node: this.upstreamHub,
      sends: slaves.map((s) => ({ to: s, msg: { kind: 'POLL', cycle, epoch: 0 }, extraMs: 0 })),
      note: null,
    });
  }

  private gatherSeedCycle(slave: NodeId, time: number, at: number): void {
    if (!this.gather) {
      const timer = setTimeout(() => this.flushSeedCycle(), CYCLE_GATHER_MS);
      this.gather = { items: [], timer };
    }
    this.gather.items.push({ slave, time, at });
  }

  /** One cycle of the real master: ADJUSTs of what its absolute times imply, and its sums beside dslab's. */
  private flushSeedCycle(): void {
    const gathered = this.gather;
    this.gather = null;
    if (!gathered || this.disposed || this.upstreamHub === null) return;
    const master = this.upstreamHub;
    const now = this.o.runner.now();
    const cycle = ++this.seedCycle;
    const first = gathered.items[0];
    if (!first) return;
    // The seed master's clock is this machine's: its absolute time minus when it was sent is what it applied.
    const appliedMs = first.time - first.at;
    const readings = [...this.upstreamSlaves]
      .filter(([, up]) => up.pushed !== null)
      .map(([node, up]) => ({
        node,
        offsetMs: (up.pushed as { clockMs: number; t: number }).clockMs - (up.pushed as { clockMs: number; t: number }).t,
      }))
      .sort((a, b) => a.node - b.node);
    const offsets = readings.map((r) => r.offsetMs);
    const mean = offsets.reduce((s, o) => s + o, 0) / Math.max(1, offsets.length);
    const correct = offsets.reduce((s, o) => s + o, 0) / (offsets.length + 1);
    const sorted = [...offsets].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const medianMs =
      sorted.length === 0 ? 0 : sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
    const threshold = relaySetting(this.o.scenario, 'thresholdMs') ?? 0;
    const adjustments: { node: NodeId; deltaMs: number }[] = [];
    for (const item of gathered.items) {
      const record = this.o.runner.node(item.slave);
      if (!record) continue;
      const slaveNow = readClock(record.clock, trueTime(now));
      adjustments.push({ node: item.slave, deltaMs: this.local(item.time) + (now - this.local(item.at)) - slaveNow });
    }
    const spread = offsets.length > 0 ? Math.max(...offsets, 0) - Math.min(...offsets, 0) : 0;
    this.act({
      type: 'external',
      node: master,
      sends: adjustments.map((a) => ({ to: a.node, msg: { kind: 'ADJUST', cycle, epoch: 0, deltaMs: a.deltaMs }, extraMs: 0 })),
      note: {
        topic: 'berkeley-cycle',
        text:
          `real master, cycle ${cycle}: sent every slave one absolute time, its clock ${signed(appliedMs)} ` +
          `(minus the mean slave offset ${signed(mean)} over ${offsets.length} slaves: its own clock left out, the sign inverted); ` +
          `dslab's Berkeley would move the group ${signed(correct)}`,
        data: {
          cycle,
          master,
          readings: readings.map((r) => ({ node: r.node, offsetMs: r.offsetMs, rttMs: 0, ignored: false })),
          medianMs,
          averageMs: appliedMs,
          thresholdMs: threshold,
          adjustments,
          missing: [],
          spreadBeforeMs: spread,
          boundMs: 0,
          mode: 'step',
          external: true,
          correctAverageMs: correct,
        },
      },
    });
  }

  /** A line in the run's log about the upstream server (an external note on its node). */
  private upstreamNote(text: string): void {
    this.log(text);
    if (this.upstreamHub !== null)
      this.act({ type: 'external', node: this.upstreamHub, sends: [], note: { topic: 'relay', text, data: null } });
  }

  private connName(conn: string): string {
    const entry = this.inbound.get(conn);
    if (entry) return this.nameOf(entry.node);
    for (const [slave, up] of this.upstreamSlaves) if (up.conn === conn) return `the real master for ${this.nameOf(slave)}`;
    return conn;
  }

  private nameOf(id: NodeId): string {
    return this.o.scenario.nodes.find((n) => n.id === id)?.name ?? `P${id}`;
  }
}
