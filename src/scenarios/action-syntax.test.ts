import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onMicrosecond, type Scenario, type UserAction } from '../core/index.ts';
import { formatAction, formatActionList, parseAction, parseActionList } from './action-syntax.ts';
import { findPreset } from './index.ts';

const bully10 = findPreset('bully-10') as Scenario;

describe('action syntax', () => {
  it('reads every verb and writes it back as the same text', () => {
    const texts = [
      '1800:crash:9',
      '2000:notice:2',
      '2100:recover:9',
      '0:drift=-20000:3',
      '1523.457:offset=250.5:4',
      '2000:latency=500;jitter=10;shape=exponential;loss=0.2;dup=0.05;fifo=off:2-5',
      '2200:cut:5-2',
      '2300:restore:all',
      '2400:partition:1.2.3/4.5.6.7.8.9.10',
      '2500:heal',
    ];
    for (const text of texts) {
      const parsed = parseAction(text, bully10);
      if ('error' in parsed) throw new Error(parsed.error);
      expect(formatAction(parsed.action)).toBe(text);
    }
  });

  it('takes notice and request only where the algorithm does', () => {
    const cristian = findPreset('cristian-basic') as Scenario;
    expect(parseAction('2000:notice:1', cristian)).toEqual({
      error: '"2000:notice:1": cristian-basic runs cristian, which has no notice (it takes none of notice, request)',
    });
    // Without a scenario only the shape is checked, as the URL is read before its scenario is known.
    expect(parseAction('2000:request:1')).toEqual({ action: { at: 2000, type: 'request', node: 1 } });
    expect(formatAction({ at: 2000, type: 'request', node: 1 })).toBe('2000:request:1');
  });

  it('gives one sentence for each bad part and keeps the rest of a list', () => {
    const { actions, problems } = parseActionList('1800:crash:9,soon:crash:1,2000:notice:12,,2100:latency=-1:all,2200:notice:2', bully10);
    expect(actions).toEqual([
      { at: 1800, type: 'crash', node: 9 },
      { at: 2200, type: 'notice', node: 2 },
    ]);
    expect(problems).toEqual([
      '"soon:crash:1": the time "soon" is not a number of ms from 0 to 86400000 (24 h)',
      '"2000:notice:12": bully-10 has no node 12 (nodes: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)',
      '"2100:latency=-1:all": latency "-1" is not a number of ms from 0 to 10000',
    ]);
  });

  it.each([
    ['2400:partition:1.2/2.3', 'node 2 is in two groups'],
    ['2400:crash:2-5', 'the node "2-5" is not a node id'],
    ['2400:latency=5:9', 'the target "9" of a link setting is not a link like 2-5 (from 2 to 5) or all'],
    ['2400:cut:3-3', 'a link joins two different nodes, not 3 and 3'],
    ['2400:heal:3', 'heal takes no target (it ends the partition)'],
    ['2400:offset=1e99:3', 'the offset "1e99" is not a number of ms from -86400000 to 86400000'],
    ['2400:loss=2:all', 'loss "2" is not a probability from 0 to 1'],
    ['2400:fifo=maybe:all', 'fifo "maybe" is not on or off'],
    ['2400:shape=pareto:all', 'shape "pareto" is not one of none, uniform, normal, exponential'],
    ['2400:request:3', 'bully-10 runs bully, which has no request (it takes notice)'],
  ])('%s is refused: %s', (text, why) => {
    expect(parseAction(text, bully10)).toEqual({ error: `${JSON.stringify(text)}: ${why}` });
  });

  it('round-trips any action whose time the page can give it (whole microseconds)', () => {
    const at = fc.double({ min: 0, max: 86_400_000, noNaN: true }).map((t) => onMicrosecond(t, false));
    const node = fc.integer({ min: 1, max: 10 });
    const action: fc.Arbitrary<UserAction> = fc.oneof(
      fc.record({ at, type: fc.constantFrom('crash' as const, 'recover' as const, 'notice' as const), node }),
      fc.record({ at, type: fc.constant('drift' as const), node, ppm: fc.integer({ min: -500_000, max: 500_000 }) }),
      fc.record({
        at,
        type: fc.constant('offset' as const),
        node,
        offsetMs: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0),
      }) /* -0 is written as 0 */,
      fc.record({
        at,
        type: fc.constant('network' as const),
        patch: fc.record(
          {
            latencyMs: fc.double({ min: 0, max: 10_000, noNaN: true }),
            loss: fc.double({ min: 0, max: 1, noNaN: true }),
            fifo: fc.boolean(),
          },
          { requiredKeys: ['latencyMs'] },
        ),
      }),
      fc.record({ at, type: fc.constant('heal' as const) }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 5 }), (actions) => {
        const text = formatActionList(actions);
        const back = parseActionList(text, bully10);
        expect(back.problems).toEqual([]);
        expect(back.actions).toEqual(actions);
      }),
    );
  });

  it('gives a live action the first whole microsecond at or after now, after events at now when asked', () => {
    expect(onMicrosecond(1800, false)).toBe(1800);
    expect(onMicrosecond(1800, true)).toBe(1800.001);
    expect(onMicrosecond(1523.4561, false)).toBe(1523.457);
    expect(String(onMicrosecond(2207.3489123, true))).toBe('2207.349');
  });
});
