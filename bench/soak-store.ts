// The headless half of `npm run soak`: the lab's store and live runner (inline host) fed a
// long run frame by frame as the page feeds them, without a browser, sampling the heap after
// a forced garbage collection. A lecture cannot be waited for in a benchmark, but the store
// and the runner hold what grows with the run, so this shows where a 2-hour run at 1× or a
// long run at max speed ends up, in seconds instead of hours.
//
// Frames come from a fake scheduler: at 1× each advances a fake wall clock by the runner's
// largest step (250 ms: 2 simulated hours are 28,800 frames); at max speed each frame runs
// one slice on the real clock, as on the page. A finished run is played on at once.

import v8 from 'node:v8';
import vm from 'node:vm';
import type { Scenario } from '../src/core/index.ts';
import { createLiveRunner, type LiveRunnerHandle, type LiveRunnerOptions } from '../src/hosts/live-runner.ts';
import type { Speed } from '../src/hosts/live.ts';
import { PAGE_RETENTION } from '../src/hosts/retained-trace.ts';
import { customScenario, findPreset } from '../src/scenarios/index.ts';
import { createLabStore } from '../src/store/lab-store.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export interface StoreSoakPoint {
  simulatedS: number;
  /** Events in the run so far, and how many of them the runner keeps. */
  events: number;
  kept: number;
  heapMb: number;
}

export interface StoreSoak {
  name: string;
  scenario: () => Scenario;
  speed: Speed;
  simulatedMs: number;
}

const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Plays a setup through the store until its simulated time, sampling the heap `samples` times. */
export async function runStoreSoak(
  soak: StoreSoak,
  samples: number,
  extra: Partial<LiveRunnerOptions> = {},
): Promise<{ wallMs: number; baseMb: number; points: StoreSoakPoint[] }> {
  let wall = 0;
  const frames: (() => void)[] = [];
  const real = soak.speed === 'max';
  const baseMb = heapMb();
  const store = createLabStore((scenario, seed, fork) =>
    createLiveRunner({
      scenario,
      seed,
      host: 'inline',
      requestFrame: (cb) => frames.push(cb),
      wallClock: real ? () => performance.now() : () => wall,
      ...extra,
      ...(fork ? { actions: fork.actions } : {}),
      ...(fork?.startAt !== undefined ? { startAt: fork.startAt } : {}),
    }),
  );
  const state = () => store.getState();
  const runner = () => state().runner as LiveRunnerHandle;
  const start = performance.now();
  state().setSpeed(soak.speed);
  state().load(soak.scenario(), 1, true);
  const points: StoreSoakPoint[] = [];
  let next = soak.simulatedMs / samples;
  while (points.length < samples) {
    wall += 250;
    for (const cb of frames.splice(0)) cb();
    // The runner's slices are promises (its work queue): let them settle between frames.
    await new Promise<void>((r) => setImmediate(r));
    if (runner().finished && !runner().playing) state().play();
    if (runner().now() >= next) {
      const kept = runner().trace().length;
      points.push({ simulatedS: runner().now() / 1000, events: (runner().traceStart?.() ?? 0) + kept, kept, heapMb: heapMb() });
      next += soak.simulatedMs / samples;
    }
  }
  const wallMs = performance.now() - start;
  state().dispose();
  return { wallMs, baseMb, points };
}

export const STORE_SOAKS: StoreSoak[] = [
  { name: 'berkeley-canteen at 1×', scenario: () => findPreset('berkeley-canteen') as Scenario, speed: 1, simulatedMs: 2 * 3600_000 },
  {
    name: 'custom Berkeley, 64 nodes, max speed',
    scenario: () => customScenario({ algorithm: 'berkeley', nodes: 64 }),
    speed: 'max',
    simulatedMs: 3600_000,
  },
];

// `tsx bench/soak-store.ts [simulated minutes of the 64-node run] [all]`: this part alone
// (`all`: keep every event, as before retention).
if (import.meta.url === `file://${process.argv[1]}`) {
  const minutes = Number(process.argv[2] ?? 60);
  const keepAll = process.argv[3] === 'all';
  for (const soak of STORE_SOAKS) {
    const s = soak.speed === 'max' ? { ...soak, simulatedMs: minutes * 60_000 } : soak;
    const r = await runStoreSoak(s, 4, keepAll ? {} : { retain: PAGE_RETENTION });
    console.log(
      `${s.name}, ${s.simulatedMs / 60_000} simulated min (${(r.wallMs / 1000).toFixed(0)} s wall; heap ${r.baseMb.toFixed(0)} MB before):`,
    );
    for (const p of r.points)
      console.log(
        `  at ${p.simulatedS.toFixed(0)} s: ${p.events.toLocaleString('en-US')} events (${p.kept.toLocaleString('en-US')} kept), heap ${p.heapMb.toFixed(1)} MB`,
      );
  }
}
