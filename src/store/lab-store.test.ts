import { describe, expect, it } from 'vitest';
import { findPreset } from '../scenarios/index.ts';
import { createFakeRunner, type FakeRunner } from './fake-runner.ts';
import { createLabStore } from './lab-store.ts';
import type { BerkeleyCycle, CristianRound, ElectionRound } from '../core/index.ts';
import { selectInFlight, selectNode, selectReadout, selectRound } from './selectors.ts';
import { READOUT_FRAMES } from './slices.ts';
import { messageProgress, offsetSpread } from './trace-view.ts';

function open(id: string, seed = 1) {
  const scenario = findPreset(id);
  if (!scenario) throw new Error(`no preset ${id}`);
  const store = createLabStore(createFakeRunner);
  store.getState().load(scenario, seed);
  const runner = store.getState().runner as FakeRunner;
  return { store, runner, state: () => store.getState() };
}

describe('lab store on a fake runner', () => {
  it('bully-10: 9 becomes coordinator, 10 is crashed, the round counts 15 + 10 + 8 messages', () => {
    const { runner, state } = open('bully-10');
    runner.advance(5000);
    expect(selectNode(9)(state())).toMatchObject({ status: 'alive', role: 'coordinator', leader: 9 });
    expect(selectNode(10)(state())).toMatchObject({ status: 'crashed', role: 'crashed', leader: null });
    expect(selectRound(state()) as ElectionRound | null).toMatchObject({ winner: 9, messages: { ELECTION: 15, OK: 10, COORDINATOR: 8 } });
    expect(state().finished).toBe(true);
  });

  it('keeps the object of a node that did not change, so its glyph does not re-render', () => {
    const { runner, state } = open('bully-10');
    runner.advance(900);
    const before = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) => selectNode(id)(state()));
    runner.advance(200); // P10 crashes at 1000 ms; nobody else changes yet
    const after = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) => selectNode(id)(state()));
    for (let i = 0; i < 9; i++) expect(after[i]).toBe(before[i]);
    expect(after[9]).not.toBe(before[9]);
    expect(after[9]?.status).toBe('crashed');
  });

  it('moves the readout time (and the offsets shown) every READOUT_FRAMES frames while playing, and to the present once stopped', () => {
    const { runner, store, state } = open('berkeley-canteen');
    state().play();
    runner.advance(10); // no event until the master's first poll
    const readouts: number[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < 3 * READOUT_FRAMES; i++) {
      runner.advance(10);
      readouts.push(selectReadout(state()));
      offsets.push(selectNode(5)(state())?.offsetMs ?? NaN);
    }
    // Frames without events: the readout holds between every READOUT_FRAMES-th frame and never runs ahead of now.
    expect(new Set(readouts).size).toBeGreaterThanOrEqual(3);
    expect(new Set(readouts).size).toBeLessThanOrEqual(4);
    expect(readouts.every((r) => r <= state().now)).toBe(true);
    // SOLS drifts 25 ms a second: its offset moves with the readout, not with every frame.
    expect(new Set(offsets).size).toBeLessThanOrEqual(new Set(readouts).size);
    store.getState().pause();
    runner.emit();
    expect(selectReadout(state())).toBe(state().now);
  });

  it('tracks messages in flight with their send and arrival times', () => {
    const { runner, state } = open('ring-8');
    runner.advance(1510); // P5 was told at 1500 ms and sent ELECTION to P6
    const flying = selectInFlight(state());
    expect(flying.length).toBeGreaterThan(0);
    const m = flying[0];
    if (!m) throw new Error('no message');
    expect(m.arriveT).toBeGreaterThan(m.sendT);
    expect(messageProgress(m, (m.sendT + m.arriveT) / 2)).toBeCloseTo(0.5);
    runner.advance(5000);
    expect(selectNode(7)(state())?.role).toBe('coordinator');
    expect((selectRound(state()) as ElectionRound | null)?.ringIds).toEqual([5, 6, 7, 1, 2, 3, 4]);
  });

  it('berkeley-canteen: the lines drift apart, then cycles pull their offsets together', () => {
    const { runner, state } = open('berkeley-canteen');
    const lines = [2, 3, 4, 5];
    runner.advance(1);
    const start = offsetSpread(state().view!, lines);
    expect(start).toBeGreaterThan(900);
    runner.advance(20_000);
    expect((selectRound(state()) as BerkeleyCycle | null)?.cycle).toBeGreaterThanOrEqual(3);
    expect(offsetSpread(state().view!, lines)).toBeLessThan(start / 2);
  });

  it('cristian-manipal-buddy: each client ends a sync within its bound of the server', () => {
    const { runner, state } = open('cristian-manipal-buddy');
    runner.advance(10_000);
    for (const client of [2, 3]) {
      const sync = (selectRound(state()) as CristianRound)[client];
      if (!sync) throw new Error(`no sync for ${client}`);
      expect(Math.abs(sync.errorMs)).toBeLessThanOrEqual(sync.boundMs + 1e-6);
    }
  });

  it('user actions reach the runner and show in the view: drift, crash, partition, heal', () => {
    const { runner, state } = open('bully-10');
    runner.advance(100);
    state().act({ type: 'drift', node: 3, ppm: 50_000 });
    runner.advance(1000);
    expect(selectNode(3)(state())?.offsetMs).toBe(50);
    state().act({
      type: 'partition',
      groups: [
        [1, 2, 3],
        [4, 5, 6, 7, 8, 9, 10],
      ],
    });
    expect(state().view?.partition).toEqual([
      [1, 2, 3],
      [4, 5, 6, 7, 8, 9, 10],
    ]);
    state().act({ type: 'heal' });
    expect(state().view?.partition).toBeNull();
    state().act({ type: 'crash', node: 4 });
    expect(selectNode(4)(state())?.status).toBe('crashed');
  });

  it('reset starts the same run again from time 0', () => {
    const { runner, state } = open('ring-8');
    runner.advance(3000);
    state().reset();
    expect(state().now).toBe(0);
    expect(state().runner).not.toBe(runner);
    expect(state().view?.log.length).toBe(8); // the t=0 node records only
  });
});

describe('a runner that fails', () => {
  it('says why the run stopped, and a new run clears it', () => {
    const { store, runner, state } = open('bully-10');
    runner.advance(500);
    expect(state().failure).toBeNull();
    runner.fail('worker 3 stopped answering');
    expect(state().failure).toBe('worker 3 stopped answering');
    store.getState().reset();
    expect(state().failure).toBeNull();
  });
});

describe('the teaching step and prepared runs', () => {
  it('"next message" shows exactly one send or delivery per press and says what it was', async () => {
    const { state } = open('ring-8');
    await state().stepMessage();
    // P5 is told at 1.5 s and sends ELECTION [5] to P6: the first message of the run.
    expect(selectInFlight(state())).toHaveLength(1);
    expect(state().stepNote).toMatch(/^1\.500 s {2}P5 sends ELECTION \[5\] to P6; it arrives in \d+\.\d ms$/);
    await state().stepMessage();
    expect(selectInFlight(state())).toHaveLength(0);
    expect(state().stepNote).toBe(`${state().stepNote?.slice(0, 7)}  P6 receives ELECTION from P5`);
    await state().stepMessage();
    // P6 acknowledges (ACK) and passes the list on: one of the two sends only.
    expect(selectInFlight(state())).toHaveLength(1);
    await state().stepMessage();
    expect(selectInFlight(state())).toHaveLength(2);
    expect(state().stepNote).toMatch(/P6 sends (ELECTION \[5, 6\] to P7|ACK to P5)/);
  });

  it('reset replays the actions the run was opened with; switching heartbeats keeps every action', () => {
    const scenario = findPreset('bully-10');
    if (!scenario) throw new Error('no bully-10');
    const store = createLabStore(createFakeRunner);
    const prepared = [{ at: 2500, type: 'crash' as const, node: 9 }];
    store.getState().load(scenario, 1, false, prepared);
    const runner = store.getState().runner as FakeRunner;
    runner.advance(2600);
    runner.act({ type: 'notice', node: 3 });
    expect(runner.actions()).toHaveLength(2);
    store.getState().setHeartbeats(true);
    expect(store.getState().scenario?.algorithm.settings).toMatchObject({ heartbeat: true });
    expect(store.getState().runner?.actions()).toHaveLength(2);
    store.getState().reset();
    expect(store.getState().runner?.actions()).toHaveLength(2);
    expect(store.getState().now).toBe(0);
  });
});

describe('a frame the page cannot fold', () => {
  it('pauses the run and shows why instead of throwing out of the runner', () => {
    const scenario = findPreset('bully-10');
    if (!scenario) throw new Error('no preset');
    let poison = false;
    const store = createLabStore((sc, seed, fork) => {
      const runner = createFakeRunner(sc, seed, fork);
      const subscribe = runner.subscribe.bind(runner);
      runner.subscribe = (listener) => subscribe((frame) => listener(poison ? { ...frame, events: null as never } : frame));
      return runner;
    });
    store.getState().load(scenario, 1);
    const runner = store.getState().runner as FakeRunner;
    runner.play();
    runner.advance(500);
    expect(store.getState().failure).toBeNull();
    poison = true;
    expect(() => runner.advance(500)).not.toThrow();
    expect(store.getState().failure).toMatch(/could not show this frame .*paused/);
    expect(store.getState().playing).toBe(false);
    expect(runner.playing).toBe(false);
  });
});
