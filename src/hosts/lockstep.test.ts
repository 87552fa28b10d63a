// The lockstep driver against the inline host: with calls sent ahead and answered late and
// out of order, the trace must still be byte-identical to runInline's, for every preset and
// 20 seeds with random crash, recover and notice actions. Also: the lookahead itself, and
// faults contained.

import { describe, expect, it, vi } from 'vitest';

// Twelve scenarios × 20 seeds through an async host: seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });
import {
  ArraySink,
  type NodeCall,
  type NodeCheckpoint,
  type NodeId,
  type NodeReply,
  Rng,
  type Scenario,
  Simulation,
  toJsonLines,
  type UserAction,
} from '../core/index.ts';
import { customScenario, presets } from '../scenarios/index.ts';
import { withHeartbeats } from '../scenarios/heartbeats.ts';
import type { NodeHost } from './host.ts';
import { InlineHost, simulateInline } from './inline.ts';
import { LockstepDriver, runHost, runLockstep } from './lockstep.ts';

/** The inline host behind promises that settle after a random number of ticks, so replies arrive out of order. */
class DelayedHost implements NodeHost {
  readonly inner: InlineHost;
  private readonly rng: Rng;
  private readonly busy = new Set<NodeId>();
  maxConcurrent = 0;

  constructor(
    scenario: Scenario,
    seed: number,
    private readonly failOn?: (call: NodeCall) => boolean,
  ) {
    this.inner = new InlineHost(scenario, seed);
    this.rng = Rng.fromSeed(seed, 0xde1a7);
  }

  async call(call: NodeCall): Promise<NodeReply> {
    if (this.busy.has(call.node)) throw new Error(`two calls in flight for node ${call.node}`);
    this.busy.add(call.node);
    this.maxConcurrent = Math.max(this.maxConcurrent, this.busy.size);
    try {
      const ticks = Math.floor(this.rng.next() * 6);
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      if (this.rng.next() < 0.05) await new Promise((resolve) => setImmediate(resolve));
      if (this.failOn?.(call)) throw new Error(`node ${call.node} machine blew up`);
      return this.inner.call(call);
    } finally {
      this.busy.delete(call.node);
    }
  }

  crash(node: NodeId): void {
    if (this.busy.has(node)) throw new Error(`crash of node ${node} while its call is in flight`);
    this.inner.crash(node);
  }

  describe(node: NodeId): string | null {
    return this.inner.describe(node);
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/**
 * A host that can undo, as the worker host does: each node's calls run in the order they were
 * made (one queue per node, like one worker's messages), after random delays, so replies
 * still arrive out of order across nodes; a speculative call keeps a copy of the node to put back.
 */
class UndoingHost implements NodeHost {
  readonly inner: InlineHost;
  private readonly rng: Rng;
  private readonly queues = new Map<NodeId, Promise<unknown>>();
  private readonly before = new Map<NodeId, NodeCheckpoint | undefined>();
  undone = 0;

  constructor(scenario: Scenario, seed: number) {
    this.inner = new InlineHost(scenario, seed);
    this.rng = Rng.fromSeed(seed, 0x5bec);
  }

  private inOrder<T>(node: NodeId, job: () => T): Promise<T> {
    const ticks = Math.floor(this.rng.next() * 6);
    const result = (this.queues.get(node) ?? Promise.resolve()).then(async () => {
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      return job();
    });
    this.queues.set(
      node,
      result.catch(() => undefined),
    );
    return result;
  }

  call(call: NodeCall, speculative = false): Promise<NodeReply> {
    return this.inOrder(call.node, () => {
      if (speculative) {
        const checkpoint = this.inner.checkpoint(call.node);
        this.before.set(call.node, checkpoint && structuredClone(checkpoint));
      } else this.before.delete(call.node);
      // A copy, as a worker's reply is: the simulation must not see a reply object reused by a later call.
      return structuredClone(this.inner.call(call));
    });
  }

  undo(node: NodeId): void {
    this.undone++;
    void this.inOrder(node, () => {
      if (!this.before.has(node)) return;
      const checkpoint = this.before.get(node);
      this.before.delete(node);
      if (checkpoint) this.inner.restore(node, checkpoint);
      else this.inner.crash(node);
    });
  }

  crash(node: NodeId): void {
    this.inner.crash(node);
  }

  describe(node: NodeId): string | null {
    return this.inner.describe(node);
  }

  dispose(): void {
    this.inner.dispose();
  }
}

function randomActions(scenario: Scenario, seed: number): UserAction[] {
  const rng = Rng.fromSeed(seed, 0xac7);
  const ids = scenario.nodes.map((n) => n.id);
  const count = Math.floor(rng.next() * 8);
  const verbs = ['crash', 'recover', 'notice'] as const;
  return Array.from({ length: count }, () => ({
    at: Math.floor(rng.next() * scenario.durationMs),
    type: verbs[Math.floor(rng.next() * verbs.length)] ?? 'notice',
    node: ids[Math.floor(rng.next() * ids.length)] ?? 1,
  }));
}

/** The same scenario over a slow network: timers then fall inside lookahead windows, so replies insert events before speculated ones. */
const slow = (scenario: Scenario): Scenario => ({
  ...scenario,
  id: `${scenario.id}-slow`,
  network: { defaults: { ...scenario.network.defaults, latencyMs: 400, jitterMs: 400, jitter: 'uniform' }, links: [] },
});

async function traceOn(scenario: Scenario, seed: number, actions: UserAction[], parallel: boolean) {
  const sink = new ArraySink();
  const sim = new Simulation(scenario, { seed, actions, trace: sink });
  const host = new DelayedHost(scenario, seed);
  const stats = await runLockstep(sim, host, scenario.durationMs, { parallel });
  return { lines: toJsonLines(sink.events), stats, host };
}

const SEEDS = Array.from({ length: 20 }, (_, i) => i * 7919 + 1);

describe('lockstep driver equivalence with runInline', () => {
  for (const preset of [...presets, ...presets.map(slow)]) {
    it(`${preset.id}: 20 seeds with random crash/recover/notice give byte-identical traces`, async () => {
      let speculated = 0;
      for (const seed of SEEDS) {
        const actions = randomActions(preset, seed);
        const inline = toJsonLines(simulateInline(preset, seed, { actions }).events);
        const parallel = await traceOn(preset, seed, actions, true);
        expect(parallel.lines).toBe(inline);
        speculated += parallel.stats.speculated;
      }
      expect(speculated).toBeGreaterThan(0);
    });
  }

  it('speculative calls beyond the window, undone where another call came first: byte-identical for every preset, slow and not, 20 seeds', async () => {
    let beyond = 0;
    let undone = 0;
    for (const preset of [...presets, ...presets.map(slow)])
      for (const seed of SEEDS) {
        const actions = randomActions(preset, seed);
        const inline = toJsonLines(simulateInline(preset, seed, { actions }).events);
        const sink = new ArraySink();
        const sim = new Simulation(preset, { seed, actions, trace: sink });
        const host = new UndoingHost(preset, seed);
        const stats = await runLockstep(sim, host, preset.durationMs, { maxSpeculative: 3 });
        expect(toJsonLines(sink.events), `${preset.id} seed ${seed}`).toBe(inline);
        expect(stats.undone).toBe(host.undone);
        beyond += stats.beyond;
        undone += stats.undone;
      }
    // Both paths ran: speculations that held and ones taken back.
    expect(beyond).toBeGreaterThan(undone);
    expect(undone).toBeGreaterThan(0);
  });

  it("a coordinator's next heartbeat goes out with the heartbeats it sent: Bully-16 speculates one call a period and undoes hardly any", async () => {
    const scenario = withHeartbeats(customScenario({ algorithm: 'bully', nodes: 16, durationMs: 30_000 }), true) as Scenario;
    const sink = new ArraySink();
    const sim = new Simulation(scenario, { seed: 1, trace: sink });
    const host = new UndoingHost(scenario, 1);
    const stats = await runLockstep(sim, host, scenario.durationMs);
    expect(toJsonLines(sink.events)).toBe(toJsonLines(simulateInline(scenario, 1).events));
    // One timer a 500 ms period over 30 s; nothing came between a speculation and its event.
    expect(stats.beyond).toBeGreaterThan(50);
    expect(stats.undone).toBeLessThan(stats.beyond / 10);
    // Every call but the boots was sent ahead, in or beyond the window.
    expect(stats.calls - stats.speculated).toBeLessThan(stats.beyond + 20);
  });

  it('sends calls for different nodes at once, and runs events inserted before a speculated one first', async () => {
    const bully = slow(presets.find((p) => p.id === 'bully-10') as Scenario);
    const run = await traceOn(bully, 1, [], true);
    expect(run.host.maxConcurrent).toBeGreaterThan(3);
    expect(run.stats.overtaken).toBeGreaterThan(0);
    expect(run.lines).toBe(toJsonLines(simulateInline(bully, 1).events));
    // With room for only two calls ahead, timers set by earlier replies run between them.
    const sink = new ArraySink();
    const sim = new Simulation(bully, { seed: 1, trace: sink });
    const host = new DelayedHost(bully, 1);
    const stats = await runLockstep(sim, host, bully.durationMs, { maxInFlight: 2 });
    expect(host.maxConcurrent).toBe(2);
    expect(stats.speculated).toBeGreaterThan(0);
    expect(toJsonLines(sink.events)).toBe(run.lines);
  });

  it('a network slowed and a clock sped up mid-run reach the timeouts (and the waits running) as they do inline (bully-10, ring-8)', async () => {
    for (const id of ['bully-10', 'ring-8']) {
      const preset = presets.find((p) => p.id === id) as Scenario;
      for (const seed of SEEDS.slice(0, 5)) {
        const actions: UserAction[] = [
          ...randomActions(preset, seed),
          { at: 1520, type: 'network', patch: { latencyMs: 500 } },
          { at: 1540, type: 'drift', node: 6, ppm: 400_000 },
          { at: 2600, type: 'link', from: 3, to: 4, patch: { latencyMs: 1500 } },
        ];
        const inline = toJsonLines(simulateInline(preset, seed, { actions }).events);
        expect((await traceOn(preset, seed, actions, true)).lines, `${id} seed ${seed}`).toBe(inline);
      }
    }
  });

  it('the one-at-a-time driver matches too', async () => {
    const scenario = customScenario({ algorithm: 'berkeley', nodes: 6, durationMs: 20_000 });
    const actions = randomActions(scenario, 3);
    const run = await traceOn(scenario, 3, actions, false);
    expect(run.stats.speculated).toBe(0);
    expect(run.host.maxConcurrent).toBe(1);
    expect(run.lines).toBe(toJsonLines(simulateInline(scenario, 3, { actions }).events));
  });
});

describe('Simulation.lookahead', () => {
  it('predicts, without side effects, the calls next() hands out: one per node, within one minimum latency', () => {
    const scenario = customScenario({ algorithm: 'bully', nodes: 8 });
    const sink = new ArraySink();
    const sim = new Simulation(scenario, { seed: 5, trace: sink, actions: [{ at: 100, type: 'notice', node: 1 }] });
    const host = new InlineHost(scenario, 5);
    // Run past the boots and the notice: node 1 sends ELECTION to 2..8.
    for (let command = sim.next(); command; command = sim.next()) {
      if (command.type === 'call') sim.apply(command.call, host.call(command.call));
      if (sim.now >= 100) break;
    }
    const before = sink.events.length;
    const head = sim.peekTime() as number;
    const calls = sim.lookahead(Infinity, new Set(), Infinity);
    expect(sink.events.length).toBe(before);
    expect(sim.peekTime()).toBe(head);
    expect(calls.length).toBeGreaterThan(1);
    expect(new Set(calls.map((c) => c.node)).size).toBe(calls.length);
    const busy = sim.lookahead(Infinity, new Set([calls[0]?.node ?? 0]), Infinity);
    expect(busy.map((c) => c.node)).not.toContain(calls[0]?.node);
    expect(sim.lookahead(Infinity, new Set(), 2)).toHaveLength(2);
    expect(sim.lookahead(head - 1, new Set(), Infinity)).toHaveLength(0);
    // next() then hands out exactly the predicted calls, in order.
    for (const predicted of calls) {
      let command = sim.next();
      while (command && command.type !== 'call') command = sim.next();
      if (!command || command.type !== 'call') throw new Error('ran out of calls');
      expect(command.call).toEqual(predicted);
      sim.apply(command.call, host.call(command.call));
    }
  });

  it('stops at a user action', () => {
    const scenario = customScenario({ algorithm: 'bully', nodes: 4 });
    const sim = new Simulation(scenario, { seed: 1, actions: [{ at: 0, type: 'notice', node: 1 }] });
    // Boots come first at t=0, and a boot ends the window too.
    expect(sim.lookahead(Infinity, new Set(), Infinity)).toEqual([]);
  });
});

describe('faults', () => {
  it('a node whose call fails is faulted and crashed, and the run goes on', async () => {
    const scenario = presets.find((p) => p.id === 'bully-10') as Scenario;
    const sink = new ArraySink();
    const sim = new Simulation(scenario, { seed: 1, trace: sink });
    let seen = 0;
    const host = new DelayedHost(scenario, 1, (call) => call.node === 7 && call.input.type === 'message' && ++seen === 1);
    const stats = await runLockstep(sim, host, scenario.durationMs);
    expect(stats.faults).toBe(1);
    const fault = sink.events.find((e) => e.type === 'fault');
    expect(fault).toMatchObject({ node: 7, error: 'node 7 machine blew up' });
    expect(sink.events.some((e) => e.type === 'crash' && e.node === 7)).toBe(true);
    expect(sim.node(7)?.alive).toBe(false);
    // The election still ends: 9 leads.
    expect(sim.node(9)?.view).toMatchObject({ role: 'coordinator' });
    expect(sim.now).toBe(scenario.durationMs);
  });

  it('a host that throws synchronously is contained the same way', async () => {
    const scenario = customScenario({ algorithm: 'berkeley', nodes: 3, durationMs: 12_000 });
    const sim = new Simulation(scenario, { seed: 2 });
    const inner = new InlineHost(scenario, 2);
    const host: NodeHost = {
      call: (call) => {
        if (call.node === 2 && call.input.type === 'message') throw new Error('boom');
        return inner.call(call);
      },
      crash: (node) => inner.crash(node),
      describe: () => null,
      dispose: () => undefined,
    };
    const driver = new LockstepDriver(sim, host);
    expect(await driver.run(scenario.durationMs)).toBe(true);
    expect(driver.stats.faults).toBe(1);
    expect(sim.node(2)?.alive).toBe(false);
  });

  it('runHost runs a plain synchronous host too', async () => {
    const scenario = presets.find((p) => p.id === 'ring-8') as Scenario;
    const sim = new Simulation(scenario, { seed: 1 });
    await runHost(sim, new InlineHost(scenario, 1), scenario.durationMs);
    expect(sim.node(7)?.view).toMatchObject({ role: 'coordinator' });
  });
});
