import { describe, expect, it } from 'vitest';
import type { LocalTime, Scenario, TraceEvent, TrueTime } from '../core/index.ts';
import { simulateInline } from '../hosts/inline.ts';
import { withHeartbeats } from '../scenarios/heartbeats.ts';
import { findPreset } from '../scenarios/index.ts';
import { applyEvents, DROP_SHOWN_MAX, initialTraceView, linkKey } from './trace-view.ts';

const bully = () => {
  const scenario = findPreset('bully-10');
  if (!scenario) throw new Error('no bully-10');
  return initialTraceView(scenario);
};
const at = (t: number) => t as TrueTime;

describe('trace view: faults, links and message contents', () => {
  it('a fault marks the node crashed and faulted with the error, until it boots again', () => {
    let view = applyEvents(bully(), [{ seq: 1, t: at(5), type: 'fault', node: 3, error: 'worker hung (no answer in 2000 ms)' }], at(5), 1);
    expect(view.nodes[3]).toMatchObject({ status: 'crashed', role: 'crashed', faulted: 'worker hung (no answer in 2000 ms)' });
    expect(view.nodes[4]?.faulted).toBeNull();
    const boot = { seq: 2, t: at(9), type: 'boot', node: 3, local: 9 as LocalTime, incarnation: 2, recovered: true } as TraceEvent;
    view = applyEvents(view, [boot], at(9), 2);
    expect(view.nodes[3]).toMatchObject({ status: 'alive', faulted: null });
  });

  it('link actions accumulate per directed link', () => {
    let view = applyEvents(
      bully(),
      [{ seq: 1, t: at(1), type: 'action', action: { at: 1, type: 'link', from: 2, to: 9, patch: { latencyMs: 400 } } }],
      at(1),
      1,
    );
    view = applyEvents(
      view,
      [{ seq: 2, t: at(2), type: 'action', action: { at: 2, type: 'link', from: 2, to: 9, patch: { up: false } } }],
      at(2),
      2,
    );
    expect(view.links[linkKey(2, 9)]).toEqual({ latencyMs: 400, up: false });
    expect(view.links[linkKey(9, 2)]).toBeUndefined();
  });

  it('a message in flight keeps what was sent', () => {
    const send = {
      seq: 1,
      t: at(1),
      type: 'send',
      node: 5,
      local: 1 as LocalTime,
      msgId: 7,
      to: 6,
      kind: 'ELECTION',
      msg: { kind: 'ELECTION', ids: [5] },
      arrive: at(25),
    } as TraceEvent;
    const view = applyEvents(bully(), [send], at(1), 1);
    expect(view.inFlight[0]?.msg).toEqual({ kind: 'ELECTION', ids: [5] });
  });

  it("a send's log line says what it carries where that matters, and nothing more where it does not", () => {
    const send = (seq: number, msg: { kind: string } & Record<string, unknown>) =>
      ({
        seq,
        t: at(1),
        type: 'send',
        node: 5,
        local: 1 as LocalTime,
        msgId: seq,
        to: 6,
        kind: msg.kind,
        msg,
        arrive: at(25),
      }) as TraceEvent;
    const view = applyEvents(bully(), [send(1, { kind: 'ELECTION', ids: [5, 6, 7] }), send(2, { kind: 'OK', ep: 'x' })], at(1), 1);
    expect(view.log.map((l) => l.text)).toEqual(['0.001 s  P5 → P6  ELECTION [5, 6, 7]', '0.001 s  P5 → P6  OK']);
  });
});

describe('trace view: messages in flight', () => {
  it('lossy, duplicating links: however the trace is cut into frames, in flight is every copy sent and not yet arrived, in order', () => {
    const scenario = findPreset('bully-10')!;
    const noisy = { ...scenario, network: { ...scenario.network, defaults: { ...scenario.network.defaults, duplicate: 0.3, loss: 0.1 } } };
    const { events } = simulateInline(noisy, 3, { until: 4000 });
    expect(events.some((e) => e.type === 'duplicate')).toBe(true);
    // The reference: a plain list, each arrival taking out the earliest copy of its message; its state after every event.
    const expected: string[] = [];
    const after: string[][] = [[]];
    for (const e of events) {
      if (e.type === 'send') expected.push(`m${e.msgId}`);
      if (e.type === 'duplicate') expected.push(`m${e.msgId}d`);
      if (e.type === 'deliver' || e.type === 'drop') {
        const i = expected.findIndex((k) => k === `m${e.msgId}` || k === `m${e.msgId}d`);
        if (i >= 0) expected.splice(i, 1);
      }
      after.push([...expected]);
    }
    expect(Math.max(...after.map((a) => a.length))).toBeGreaterThan(5);
    for (const frame of [1, 7, 50]) {
      let view = initialTraceView(noisy);
      for (let i = 0; i < events.length; i += frame) {
        const end = Math.min(events.length, i + frame);
        view = applyEvents(view, events.slice(i, end), at(events[end - 1]!.t), i);
        expect(view.inFlight.map((m) => m.key)).toEqual(after[end]);
      }
    }
  });
});

describe('trace view: drops', () => {
  it('a frame with thousands of drops keeps only the latest DROP_SHOWN_MAX crosses (an imported trace is folded as one frame)', () => {
    const scenario = withHeartbeats(findPreset('bully-10') as Scenario, true) as Scenario;
    const lossy = { ...scenario, network: { ...scenario.network, defaults: { ...scenario.network.defaults, loss: 0.5 } } };
    const { events } = simulateInline(lossy, 1, { until: 60_000 });
    const drops = events.filter((e) => e.type === 'drop');
    expect(drops.length).toBeGreaterThan(DROP_SHOWN_MAX * 2);
    const view = applyEvents(initialTraceView(lossy), events, at(events.at(-1)!.t), 1);
    expect(view.failures.map((f) => f.key)).toEqual(drops.slice(-DROP_SHOWN_MAX).map((d) => `x${d.seq}`));
  });
});
