// Time travel in the store, on the fake runner: scrubbing shows the earlier moment and
// leaves the present aside; stepping moves one event; playing returns to the present;
// acting in the past forks a run equal to a fresh run with the same actions; an imported
// trace is read-only.

import { describe, expect, it, vi } from 'vitest';
import { type Scenario, toJsonLines, type TrueTime } from '../core/index.ts';
import { applyEvents, initialTraceView } from './trace-view.ts';
import { simulateInline } from '../hosts/inline.ts';
import { withHeartbeats } from '../scenarios/heartbeats.ts';
import { findPreset } from '../scenarios/index.ts';
import { createFakeRunner, type FakeRunner } from './fake-runner.ts';
import { createLabStore } from './lab-store.ts';
import { selectNode } from './selectors.ts';

const preset = (id: string): Scenario => findPreset(id) as Scenario;

function open(id: string, seed = 1) {
  const store = createLabStore(createFakeRunner);
  store.getState().load(preset(id), seed);
  const runner = () => store.getState().runner as FakeRunner;
  return { store, runner, state: () => store.getState() };
}

describe('time travel in the store', () => {
  it('bully-10: scrubbing to 1.2 s shows P10 crashed and P9 a follower; going live shows P9 coordinator', () => {
    const { runner, state } = open('bully-10');
    runner().advance(5000);
    expect(selectNode(9)(state())?.role).toBe('coordinator');
    const liveView = state().view;
    state().seek(1200);
    expect(state().cursor?.t).toBe(1200);
    expect(state().now).toBe(1200);
    expect(selectNode(10)(state())).toMatchObject({ status: 'crashed' });
    expect(selectNode(9)(state())?.role).toBe('follower');
    expect(state().view?.log.at(-1)?.seq).toBe((state().cursor?.index ?? 0) - 1);
    state().goLive();
    expect(state().cursor).toBeNull();
    expect(state().view).toBe(liveView);
    expect(selectNode(9)(state())?.role).toBe('coordinator');
  });

  it('steps back and forward one event at a time, and past the last event returns to the present', () => {
    const { runner, state } = open('ring-8');
    runner().advance(2000);
    const end = runner().trace().length;
    state().stepBack();
    expect(state().cursor?.index).toBe(end - 1);
    state().stepBack();
    expect(state().cursor?.index).toBe(end - 2);
    expect(state().view?.eventCount).toBe(end - 2);
    state().stepForward();
    expect(state().cursor?.index).toBe(end - 1);
    void state().step(); // the Step control, scrubbed, steps through the past
    expect(state().cursor?.index).toBe(end);
    state().stepForward();
    expect(state().cursor).toBeNull();
  });

  it('frames arriving while scrubbed fold into the present out of sight; play returns to it', () => {
    const { runner, state } = open('bully-10');
    runner().advance(800);
    state().seek(300);
    const shown = state().view;
    runner().advance(3000);
    expect(state().view).toBe(shown);
    expect(state().liveNow).toBeGreaterThan(3000);
    state().play();
    expect(state().cursor).toBeNull();
    expect(selectNode(9)(state())?.role).toBe('coordinator');
  });

  it('acting in the past forks: the old future goes, and the run equals a fresh run with the same actions', () => {
    const { runner, state } = open('bully-10');
    runner().advance(500);
    state().act({ type: 'drift', node: 3, ppm: 20_000 });
    runner().advance(2500);
    state().act({ type: 'notice', node: 2 }); // after the fork point: dropped with the old future
    runner().advance(3000);
    state().seek(1200);
    state().act({ type: 'crash', node: 9 });
    expect(state().cursor).toBeNull();
    expect(state().now).toBe(1200);
    const forked = runner();
    expect(forked.actions().map((a) => [a.type, a.at])).toEqual([
      ['drift', 500],
      ['crash', 1200],
    ]);
    expect(selectNode(9)(state())?.status).toBe('crashed');
    forked.advance(10_000);
    expect(selectNode(8)(state())?.role).toBe('coordinator');
    const fresh = simulateInline(preset('bully-10'), 1, { actions: forked.actions() });
    expect(toJsonLines(forked.trace())).toBe(toJsonLines(fresh.events));
  });

  it('a fork from a step back lands just after the events shown', () => {
    const { runner, state } = open('bully-10');
    runner().advance(1500);
    state().stepBack();
    const cursor = state().cursor;
    if (!cursor) throw new Error('not scrubbed');
    const shownEvents = runner().trace().slice(0, cursor.index);
    state().act({ type: 'crash', node: 4 });
    expect(runner().trace().slice(0, cursor.index)).toEqual(shownEvents);
    expect(runner().actions()[0]?.at).toBeGreaterThan(cursor.t);
  });

  it('an imported trace is read-only: shown at its end, scrubbable, and acting or playing changes nothing', () => {
    const { state } = open('ring-8');
    const { events } = simulateInline(preset('bully-10'), 1);
    state().loadReplay(preset('bully-10'), 1, events);
    expect(state().readOnly).toBe(true);
    expect(selectNode(9)(state())?.role).toBe('coordinator');
    state().seek(1200);
    expect(selectNode(9)(state())?.role).toBe('follower');
    state().act({ type: 'crash', node: 3 });
    expect(state().travelNotice).toMatch(/read-only|inspected/);
    expect(state().runner?.trace()).toBe(events);
    state().play();
    expect(state().playing).toBe(false);
  });

  it('a large imported trace opens a slice at a time: time travel waits, and the end shown is the one folded at once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const scenario = withHeartbeats(preset('bully-10'), true) as Scenario;
      const { events } = simulateInline(scenario, 1, { until: 700_000 });
      expect(events.length).toBeGreaterThan(20_000);
      const whole = createLabStore(createFakeRunner);
      whole.getState().loadReplay(scenario, 1, events.slice(0, 3000));
      expect(whole.getState().opening).toBeNull(); // small: at once

      const { state } = open('ring-8');
      state().loadReplay(scenario, 1, events);
      expect(state().opening).not.toBeNull();
      expect(state().opening).toBeLessThan(1);
      state().seek(1200);
      expect(state().cursor).toBeNull();
      expect(state().travelNotice).toMatch(/still opening/);
      vi.runAllTimers();
      expect(state().opening).toBeNull();
      expect(state().now).toBe(events.at(-1)!.t);
      expect(selectNode(9)(state())?.role).toBe('coordinator');
      // The same view as one fold of every event.
      const once = applyEvents(initialTraceView(scenario), events, events.at(-1)!.t as TrueTime, 1);
      expect(state().view?.nodes).toEqual(once.nodes);
      expect(state().view?.log).toEqual(once.log);
      state().seek(1200);
      expect(selectNode(9)(state())?.role).toBe('follower');
    } finally {
      vi.useRealTimers();
    }
  });
});
