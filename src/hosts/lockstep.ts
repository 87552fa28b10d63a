// Async drivers: run a Simulation on any NodeHost whose calls may answer with promises.
//
// Lockstep (ARCHITECTURE.md §1): the simulation hands out one event at a time and applies the
// node's reply before moving on, so the trace is exactly the inline host's. With `parallel`
// the driver also asks the simulation which calls are coming (`Simulation.lookahead`: the
// first call of each idle node within one minimum link latency of the queue head) and sends
// them to their nodes at once. Replies are still applied strictly in event order, when
// `next()` reaches each event; calls the lookahead could not foresee (a timer that an
// earlier reply set inside the window) simply run in turn, while the speculated replies
// wait — they stay valid because they concern other nodes whose state nothing touched.
//
// A host that can undo a call (the worker host) also gets speculative calls: the first event
// of an idle node beyond the window (`Simulation.speculate`), such as a coordinator's next
// heartbeat timer while its heartbeats are delivered. It goes out with the window's calls, so
// the node's round trip overlaps theirs instead of following them (issue 13: under load a
// lone round trip costs as much wall time as a wave of sixteen). When `next()` reaches the
// node, a call equal to the one sent is used as is; anything else (a message that came first,
// a timer re-armed) undoes it on the node and runs the real call. The trace never sees it.

import type { NodeCall, NodeId, NodeReply, Simulation } from '../core/index.ts';
import type { NodeHost } from './host.ts';
import { errorText } from './protocol.ts';

type Outcome = { ok: true; reply: NodeReply } | { ok: false; error: string };

interface Ahead {
  call: NodeCall;
  outcome: Outcome | Promise<Outcome>;
  /** Sent beyond the window: valid only if `next()` hands out the same call. */
  speculative: boolean;
}

export interface LockstepOptions {
  /** Send foreseeable calls for different nodes at once (default true). */
  parallel?: boolean;
  /** Most calls in flight at once (default: no limit beyond one per node). */
  maxInFlight?: number;
  /** Most speculative calls in flight at once, on a host with `undo` (default 1; 0 turns them off). */
  maxSpeculative?: number;
}

export interface LockstepStats {
  /** Node calls applied (or faulted). */
  calls: number;
  /** Of those, how many were sent ahead by the lookahead. */
  speculated: number;
  /** Calls made one at a time while speculated ones waited (events the lookahead could not foresee or reach). */
  interleaved: number;
  /** Calls sent ahead that came before a call sent ahead earlier: an earlier reply inserted their event. */
  overtaken: number;
  faults: number;
  /** Speculative calls sent (beyond the window), and how many of them were undone. */
  beyond: number;
  undone: number;
}

/** Two predictions of the same call: what the lookahead sent and what `next()` hands out. */
export function sameCall(a: NodeCall, b: NodeCall): boolean {
  if (a.node !== b.node || a.incarnation !== b.incarnation || a.now !== b.now || a.delayMs !== b.delayMs || a.input.type !== b.input.type)
    return false;
  const x = a.input;
  const y = b.input;
  if (x.type === 'message' && y.type === 'message') return x.from === y.from && x.msg === y.msg;
  if (x.type === 'timer' && y.type === 'timer') return x.key === y.key;
  return x.type === y.type;
}

function settle(result: NodeReply | Promise<NodeReply>): Outcome | Promise<Outcome> {
  if (!(result instanceof Promise)) return { ok: true, reply: result };
  return result.then(
    (reply): Outcome => ({ ok: true, reply }),
    (error: unknown): Outcome => ({ ok: false, error: errorText(error) }),
  );
}

function callHost(host: NodeHost, call: NodeCall, speculative = false): Outcome | Promise<Outcome> {
  try {
    return settle(speculative ? host.call(call, true) : host.call(call));
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}

export class LockstepDriver {
  readonly stats: LockstepStats = { calls: 0, speculated: 0, interleaved: 0, overtaken: 0, faults: 0, beyond: 0, undone: 0 };
  private readonly inFlight = new Map<NodeId, Ahead>();
  private readonly parallel: boolean;
  private readonly maxInFlight: number;
  private readonly maxSpeculative: number;
  private speculating = 0;

  constructor(
    readonly sim: Simulation,
    readonly host: NodeHost,
    options: LockstepOptions = {},
  ) {
    this.parallel = options.parallel ?? true;
    this.maxInFlight = options.maxInFlight ?? Infinity;
    this.maxSpeculative = host.undo ? (options.maxSpeculative ?? 1) : 0;
  }

  /**
   * Runs events up to `until`. `shouldYield` is asked between events; once it says yes the
   * driver stops sending calls ahead, applies the ones in flight and returns. It always
   * returns with nothing in flight, so the caller may then schedule user actions safely.
   * Resolves true when no event is left at or before `until`.
   */
  async run(until: number, shouldYield: () => boolean = () => false): Promise<boolean> {
    for (;;) {
      const draining = shouldYield();
      // Speculative calls are not waited for: they may lie far ahead. Undone, they leave nothing.
      if (draining && this.speculating > 0) this.undoSpeculative();
      if (draining && this.inFlight.size === 0) return false;
      if (!draining && this.parallel) this.sendAhead(until);
      if (!(await this.advance(until))) return true;
    }
  }

  /** Runs exactly one event (one `next()`), or resolves false when none is left at or before `until`. */
  async step(until: number): Promise<boolean> {
    if (this.inFlight.size > 0) throw new Error('step() while calls are in flight');
    return this.advance(until);
  }

  private sendAhead(until: number): void {
    const room = this.maxInFlight - this.inFlight.size;
    if (room <= 0) return;
    const calls = this.sim.lookahead(until, this.inFlight, room);
    for (const call of calls) {
      this.inFlight.set(call.node, { call, outcome: callHost(this.host, call), speculative: false });
      this.stats.speculated++;
    }
    // Beside a wave the lookahead sent, not between every two events: finding the first event
    // beyond the window may walk past many stale timers, and a wave is where a round trip saved counts.
    const more = Math.min(this.maxSpeculative - this.speculating, room - calls.length - 1);
    if (calls.length === 0 || more <= 0) return;
    for (const call of this.sim.speculate(until, this.inFlight, more)) {
      this.inFlight.set(call.node, { call, outcome: callHost(this.host, call, true), speculative: true });
      this.speculating++;
      this.stats.beyond++;
    }
  }

  /** Takes back one speculative call (its reply, if it comes, is dropped). */
  private undo(node: NodeId): void {
    this.inFlight.delete(node);
    this.speculating--;
    this.stats.undone++;
    this.host.undo?.(node);
  }

  private undoSpeculative(): void {
    for (const [node, ahead] of [...this.inFlight]) if (ahead.speculative) this.undo(node);
  }

  private async advance(until: number): Promise<boolean> {
    const command = this.sim.next(until);
    if (!command) {
      this.undoSpeculative();
      // Lookahead never looks past `until`, so this would be a bug in it, not a user error.
      if (this.inFlight.size > 0) throw new Error(`calls sent ahead for nodes ${[...this.inFlight.keys()].join(', ')} were never reached`);
      return false;
    }
    if (command.type === 'crash') {
      if (this.inFlight.get(command.node)?.speculative) this.undo(command.node);
      this.host.crash(command.node);
      return true;
    }
    const call = command.call;
    let ahead = this.inFlight.get(call.node);
    if (ahead?.speculative) {
      if (sameCall(ahead.call, call)) this.speculating--;
      else {
        this.undo(call.node);
        ahead = undefined;
      }
    }
    let pending: Outcome | Promise<Outcome>;
    if (ahead) {
      if (!sameCall(ahead.call, call)) throw new Error(`lookahead for node ${call.node} sent a call that did not come`);
      // The map keeps send order: anything but its first entry overtakes an earlier speculation.
      if (this.inFlight.keys().next().value !== call.node) this.stats.overtaken++;
      this.inFlight.delete(call.node);
      pending = ahead.outcome;
    } else {
      if (this.inFlight.size > 0) this.stats.interleaved++;
      pending = callHost(this.host, call);
    }
    const outcome = pending instanceof Promise ? await pending : pending;
    this.stats.calls++;
    if (outcome.ok) this.sim.apply(call, outcome.reply);
    else {
      // The node is faulted (crashed, with its error in the trace); its host-side state goes too.
      this.stats.faults++;
      this.sim.fault(call, outcome.error);
      this.host.crash(call.node);
    }
    return true;
  }
}

/** Drives `sim` on any host, sending independent calls ahead. Resolves with the driver's counts. */
export async function runLockstep(
  sim: Simulation,
  host: NodeHost,
  until = Infinity,
  options: LockstepOptions = {},
): Promise<LockstepStats> {
  const driver = new LockstepDriver(sim, host, options);
  await driver.run(until);
  return driver.stats;
}

/** Drives `sim` on any host strictly one call at a time (no lookahead): the plain async loop. */
export function runHost(sim: Simulation, host: NodeHost, until = Infinity): Promise<LockstepStats> {
  return runLockstep(sim, host, until, { parallel: false });
}
