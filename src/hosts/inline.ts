// The inline host: every node machine runs in-process, synchronously. Used by unit and
// property tests, the CLI, replay and benchmarks.

import {
  ArraySink,
  type NodeCall,
  type NodeCheckpoint,
  type NodeId,
  type NodeReply,
  NodeRuntime,
  type Scenario,
  Simulation,
  type TraceEvent,
  type UserAction,
} from '../core/index.ts';
import type { NodeHost } from './host.ts';

/** Display names by id, as NodeRuntime wants them. */
export function nodeNames(scenario: Scenario): Record<number, string> {
  return Object.fromEntries(scenario.nodes.map((n) => [n.id, n.name]));
}

export class InlineHost implements NodeHost {
  private readonly runtimes = new Map<NodeId, NodeRuntime>();
  private readonly names: Record<number, string>;
  /** Every id, ascending: one array all runtimes share. */
  private readonly ids: readonly NodeId[];

  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
  ) {
    this.names = nodeNames(scenario);
    this.ids = scenario.nodes.map((n) => n.id).sort((a, b) => a - b);
  }

  private fresh(node: NodeId): NodeRuntime {
    const runtime = new NodeRuntime({
      self: node,
      ids: this.ids,
      algorithm: this.scenario.algorithm,
      seed: this.seed,
      names: this.names,
      slewRate: this.scenario.slewRate,
    });
    this.runtimes.set(node, runtime);
    return runtime;
  }

  call(call: NodeCall): NodeReply {
    let runtime = this.runtimes.get(call.node);
    if (!runtime || call.input.type === 'boot') runtime = this.fresh(call.node);
    return runtime.call(call);
  }

  /** The node's runtime as plain data, or undefined while it is crashed (for forking a run). */
  checkpoint(node: NodeId): NodeCheckpoint | undefined {
    return this.runtimes.get(node)?.checkpoint();
  }

  /** Gives the node a runtime restored from a checkpoint (as a worker's restore command does). */
  restore(node: NodeId, checkpoint: NodeCheckpoint): void {
    this.fresh(node).restore(checkpoint);
  }

  crash(node: NodeId): void {
    this.runtimes.delete(node);
  }

  describe(node: NodeId): string | null {
    return this.runtimes.get(node)?.describe() ?? null;
  }

  stateOf(node: NodeId): unknown {
    return this.runtimes.get(node)?.checkpoint().state;
  }

  dispose(): void {
    this.runtimes.clear();
  }
}

/** Drives a simulation on an inline host until no event is left at or before `until`. Returns the number of node calls. */
export function runInline(sim: Simulation, host: InlineHost, until = Infinity, maxCalls = Infinity): number {
  let calls = 0;
  for (;;) {
    if (calls >= maxCalls) return calls;
    const command = sim.next(until);
    if (!command) return calls;
    if (command.type === 'crash') host.crash(command.node);
    else {
      sim.apply(command.call, host.call(command.call));
      calls++;
    }
  }
}

export interface InlineRun {
  sim: Simulation;
  host: InlineHost;
  events: TraceEvent[];
}

/** Runs a scenario start to finish (or to `until`) on the inline host, keeping the whole trace. */
export function simulateInline(
  scenario: Scenario,
  seed: number,
  options: { actions?: readonly UserAction[]; until?: number } = {},
): InlineRun {
  const sink = new ArraySink();
  const sim = new Simulation(scenario, { seed, trace: sink, ...(options.actions ? { actions: options.actions } : {}) });
  const host = new InlineHost(scenario, seed);
  runInline(sim, host, options.until ?? scenario.durationMs);
  return { sim, host, events: sink.events };
}
