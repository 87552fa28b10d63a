// TEST ONLY: `window.__dslab`, installed by main.tsx on the dev server or with `?debug=1`
// (and loaded as a separate chunk, so the production page never runs it). Playwright and
// the browser benchmark call it to run scenarios on both hosts, to drive faulty workers and
// to time the worker host.

import { ArraySink, CountingSink, type Scenario, Simulation, toJsonLines, type UserAction } from '../core/index.ts';
import { simulateInline } from '../hosts/inline.ts';
import type { FaultPlan } from '../hosts/testing/faulty.worker.ts';
import { runLockstep } from '../hosts/lockstep.ts';
import { WorkerHost } from '../hosts/worker.ts';
import { customScenario, findPreset } from '../scenarios/index.ts';
import { withHeartbeats } from '../scenarios/heartbeats.ts';
import { pageRunner } from './page-runner.ts';

function preset(id: string): Scenario {
  const scenario = findPreset(id);
  if (!scenario) throw new Error(`no preset ${id}`);
  return scenario;
}

export interface HostComparison {
  inline: string;
  worker: string;
  speculated: number;
}

export interface FaultRun {
  faults: { node: number; error: string }[];
  crashedAtEnd: number[];
  reachedMs: number;
  coordinator: number | null;
  workersAtEnd: number;
}

export interface ThroughputRun {
  nodes: number;
  readyMs: number;
  calls: number;
  traceEvents: number;
  ms: number;
  callsPerSecond: number;
  speculated: number;
  /** Sent beyond the lookahead's window (speculative), and of those undone. */
  beyond: number;
  undone: number;
}

const dslab = {
  /** Runs a preset with these actions on the inline host and on the worker host; both traces as JSON lines. */
  async compareHosts(presetId: string, seed: number, actions: UserAction[]): Promise<HostComparison> {
    const scenario = preset(presetId);
    const inline = toJsonLines(simulateInline(scenario, seed, { actions }).events);
    const sink = new ArraySink();
    const sim = new Simulation(scenario, { seed, actions, trace: sink });
    const host = await WorkerHost.create(scenario, seed);
    try {
      const stats = await runLockstep(sim, host, scenario.durationMs);
      return { inline, worker: toJsonLines(sink.events), speculated: stats.speculated };
    } finally {
      host.dispose();
    }
  },

  /** Runs bully-10 with node `node` on a worker that throws or hangs at its first message. */
  async faultRun(mode: FaultPlan['mode'], node: number, deadlineMs = 500): Promise<FaultRun> {
    const scenario = preset('bully-10');
    const spawn = (): Worker => new Worker(new URL('../hosts/testing/faulty.worker.ts', import.meta.url), { type: 'module' });
    let next = 0;
    const ids = scenario.nodes.map((n) => n.id);
    const host = await WorkerHost.create(scenario, 1, {
      deadlineMs,
      spawn: () => {
        const worker = spawn();
        // Workers start in node order; a recovery's worker gets no plan.
        const id = ids[next++];
        if (id === node) worker.postMessage({ type: 'fault-plan', node, mode } satisfies FaultPlan);
        return worker;
      },
    });
    const sink = new ArraySink();
    const sim = new Simulation(scenario, { seed: 1, trace: sink });
    try {
      await runLockstep(sim, host, scenario.durationMs);
      const faults = sink.events.flatMap((e) => (e.type === 'fault' ? [{ node: e.node, error: e.error }] : []));
      const crashedAtEnd = ids.filter((id) => !sim.node(id)?.alive);
      const coordinator = ids.find((id) => sim.node(id)?.view?.role === 'coordinator') ?? null;
      return { faults, crashedAtEnd, reachedMs: sim.now, coordinator, workersAtEnd: host.workerCount };
    } finally {
      host.dispose();
    }
  },

  /**
   * Time until `nodes` workers are loaded and initialised: cold (every worker started now, none
   * taken from the idle pool), or `again`: a second host right after the first is disposed, as
   * a reset or another scenario does (its workers come from the pool).
   */
  async workersReady(nodes: number, again = false): Promise<number> {
    const scenario = customScenario({ algorithm: 'bully', nodes });
    const fresh = (): Worker => new Worker(new URL('../hosts/node.worker.ts', import.meta.url), { type: 'module' });
    if (again) (await WorkerHost.create(scenario, 1)).dispose();
    const start = performance.now();
    const host = await WorkerHost.create(scenario, 1, again ? {} : { spawn: fresh });
    const ms = performance.now() - start;
    host.dispose();
    return ms;
  },

  /** Node calls per second through the worker host: Bully with heartbeats among `nodes` processes. */
  async throughput(nodes: number, untilMs: number, parallel = true): Promise<ThroughputRun> {
    const scenario = withHeartbeats(customScenario({ algorithm: 'bully', nodes, durationMs: untilMs }), true);
    if (!scenario) throw new Error('Bully has heartbeats');
    const start = performance.now();
    const host = await WorkerHost.create(scenario, 1);
    const readyMs = performance.now() - start;
    const sink = new CountingSink();
    const sim = new Simulation(scenario, { seed: 1, trace: sink });
    try {
      const t0 = performance.now();
      const stats = await runLockstep(sim, host, untilMs, { parallel });
      const ms = performance.now() - t0;
      return {
        nodes,
        readyMs,
        calls: stats.calls,
        traceEvents: sink.count,
        ms,
        callsPerSecond: (stats.calls / ms) * 1000,
        speculated: stats.speculated,
        beyond: stats.beyond,
        undone: stats.undone,
      };
    } finally {
      host.dispose();
    }
  },

  /** The first page's runner: how many workers it runs and whether it is done. */
  page() {
    const runner = pageRunner.get();
    return runner ? { workers: runner.workerCount(), finished: runner.finished, now: runner.now() } : null;
  },
};

export type DslabHook = typeof dslab;

declare global {
  interface Window {
    __dslab?: DslabHook;
  }
}

export function install(): void {
  window.__dslab = dslab;
}
