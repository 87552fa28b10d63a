import { describe, expect, it } from 'vitest';
import type { LocalTime, TraceEvent, TrueTime } from '../core/index.ts';
import { findPreset } from '../scenarios/index.ts';
import { applyEvents, initialTraceView, linkKey } from './trace-view.ts';

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
