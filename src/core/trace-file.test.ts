import { describe, expect, it } from 'vitest';
import { simulateInline } from '../hosts/inline.ts';
import { presets } from '../scenarios/index.ts';
import { MAX_TRACE_BYTES } from './limits.ts';
import { exportTrace, importTrace, TraceReader, traceFileChunks, traceMismatch } from './trace-file.ts';

const bully = presets.find((p) => p.id === 'bully-10')!;
const { events: bullyEvents } = simulateInline(bully, 1, { until: 3000 });
const exported = exportTrace(bully.id, 1, bullyEvents);

type Json = Record<string, unknown>;
/** The bully-10 trace as JSON, changed by `edit`, back as text. */
function edited(edit: (file: Json & { events: Json[] }) => void): string {
  const file = JSON.parse(exported) as Json & { events: Json[] };
  edit(file);
  return JSON.stringify(file);
}
const lastSeq = bullyEvents[bullyEvents.length - 1]!.seq;
const lastT = bullyEvents[bullyEvents.length - 1]!.t;
/** Appends an action event after the last one. */
const withAction = (action: unknown): string => edited((f) => void f.events.push({ seq: lastSeq + 1, t: lastT, type: 'action', action }));
const sendIndex = bullyEvents.findIndex((e) => e.type === 'send');

/** Bad files, each with the words its one message must contain. */
const BAD_FILES: [name: string, text: string, message: RegExp][] = [
  ['not JSON', 'not json', /^the file is not a dslab trace/],
  ['empty file', '', /^the file is empty/],
  ['another format', '{"format":"other","version":1,"scenario":"x","seed":1,"events":[]}', /format: "other" is not "dslab-trace"/],
  ['a later version', edited((f) => void (f.version = 2)), /version: 2 is not a version this page reads/],
  ['a negative seed', edited((f) => void (f.seed = -1)), /seed: -1 is not a seed from 0/],
  ['a fractional seed', edited((f) => void (f.seed = 1.5)), /seed: 1\.5 is not a whole number/],
  ['no scenario', edited((f) => void delete f.scenario), /the file has no scenario/],
  ['a field twice', exported.replace('"seed":1,', '"seed":1,"seed":2,'), /the file has "seed" twice/],
  ['an unknown field', exported.replace('"seed":1,', '"seed":1,"extra":1,'), /a field "extra" that a dslab trace does not have/],
  ['text after the end', `${exported} x`, /text after the end of the trace/],
  ['cut short', exported.slice(0, exported.length / 2), /ends before the trace does/],
  ['an empty event list', edited((f) => void (f.events = [])), /the trace has no events/],
  ['an event that is not an object', exported.replace('"events":[', '"events":[5,'), /event 0 is not an object/],
  ['an unknown event type', edited((f) => void (f.events[3]!.type = 'teleport')), /event 3: type: "teleport" is not an event type/],
  ['t = 1e300', edited((f) => void (f.events[3]!.t = 1e300)), /event 3: t: 1e\+300 is not a number of ms \(a true time within 24 h\)/],
  ['a negative t', edited((f) => void (f.events[3]!.t = -5)), /event 3: t: -5 is not a number/],
  ['t as a string', edited((f) => void (f.events[3]!.t = '5')), /event 3: t: "5" is not a number/],
  [
    'drift 1e308 in a node record',
    edited((f) => void ((f.events[0]!.clock as Json).driftPpm = 1e308)),
    /event 0: clock\.driftPpm: 1e\+308 is not a number of ppm/,
  ],
  [
    'a 10,000-character name',
    edited((f) => void (f.events[0]!.name = 'x'.repeat(10_000))),
    /event 0: name: a node name is 10000 characters long \(at most 64\)/,
  ],
  ['an empty name', edited((f) => void (f.events[0]!.name = '')), /event 0: name: a node name is empty/],
  ['a field an event does not have', edited((f) => void (f.events[3]!.extra = 1)), /event 3: extra: /],
  ['a fractional node id', edited((f) => void (f.events[3]!.node = 1.5)), /event 3: node: 1\.5 is not a whole number node id/],
  ['a slew rate of 7', edited((f) => void (f.events[0]!.slewRate = 7)), /event 0: slewRate: 7 is not a number slew rate/],
  [
    'a message nested a million levels deep',
    exported.replace('"msg":{', `"msg":{"deep":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)},`),
    /is nested more than 8 levels deep/,
  ],
  [
    'a message nested 9 levels deep',
    edited((f) => void ((f.events[sendIndex]!.msg as Json).deep = [[[[[[[[[1]]]]]]]]])),
    /event \d+ is nested more than 8 levels deep/,
  ],
  ['a message kind unlike the event', edited((f) => void ((f.events[sendIndex]!.msg as Json).kind = 'OK!')), /the message kind differs/],
  ['a message that arrives before it is sent', edited((f) => void (f.events[sendIndex]!.arrive = 0)), /arrives before it is sent/],
  [
    'an unknown drop reason',
    exported
      .replace('"events":[', '"events":[{"seq":0,"t":0,"type":"drop","node":1,"msgId":1,"from":2,"kind":"OK","reason":"gremlins"},')
      .replace(/"seq":0,"t":0,"type":"node"/, '"seq":0.5,"t":0,"type":"node"'),
    /reason: "gremlins" is not a drop reason/,
  ],
  [
    'events out of order',
    edited((f) => void ([f.events[5], f.events[6]] = [f.events[6]!, f.events[5]!])),
    /events 5 and 6 are out of order/,
  ],
  [
    'a partition whose groups is a number',
    withAction({ type: 'partition', at: lastT, groups: 5 }),
    /partition action: groups: groups is not a list of lists of node ids/,
  ],
  ['a partition with a group "x"', withAction({ type: 'partition', at: lastT, groups: [[1, 2], 'x'] }), /partition action: groups\.1: /],
  ['a partition with no groups', withAction({ type: 'partition', at: lastT, groups: [] }), /a partition with no groups/],
  ['an empty partition group', withAction({ type: 'partition', at: lastT, groups: [[1], []] }), /a partition group is empty/],
  ['a teleport action', withAction({ type: 'teleport', at: lastT, node: 1 }), /"teleport" is not an action type/],
  [
    'a link action with patch null',
    withAction({ type: 'link', at: lastT, from: 1, to: 2, patch: null }),
    /link action: patch: a link change is an object of settings/,
  ],
  [
    'a link patch with an unknown setting',
    withAction({ type: 'link', at: lastT, from: 1, to: 2, patch: { speed: 9 } }),
    /link action: patch\.speed: is not a link setting/,
  ],
  [
    'a link patch that changes nothing',
    withAction({ type: 'link', at: lastT, from: 1, to: 2, patch: {} }),
    /a link change that changes nothing/,
  ],
  [
    'a link latency of -1 ms',
    withAction({ type: 'link', at: lastT, from: 1, to: 2, patch: { latencyMs: -1 } }),
    /patch\.latencyMs: -1 is not a number of ms from 0 to 10000/,
  ],
  [
    'a network loss of 2',
    withAction({ type: 'network', at: lastT, patch: { loss: 2 } }),
    /patch\.loss: 2 is not a number probability from 0 to 1/,
  ],
  ['a jitter shape "lumpy"', withAction({ type: 'network', at: lastT, patch: { jitter: 'lumpy' } }), /patch\.jitter: /],
  ['a drift action without ppm', withAction({ type: 'drift', at: lastT, node: 3 }), /drift action: ppm: /],
  [
    'a drift action of 1e308 ppm',
    withAction({ type: 'drift', at: lastT, node: 3, ppm: 1e308 }),
    /drift action: ppm: 1e\+308 is not a number of ppm from -500000 to 500000/,
  ],
  ['a crash action without a node', withAction({ type: 'crash', at: lastT }), /crash action: node: /],
  ['an action at t = 1e300', withAction({ type: 'heal', at: 1e300 }), /heal action: at: 1e\+300 is not/],
  ['an action that is a string', withAction('crash'), /action: an action is an object/],
  [
    'a note of 5,000 characters',
    edited(
      (f) =>
        void f.events.push({ seq: lastSeq + 1, t: lastT, type: 'note', node: 1, local: 0, topic: 'x', text: 'y'.repeat(5000), data: null }),
    ),
    /text: a note is 5000 characters long/,
  ],
];

describe('trace files', () => {
  for (const scenario of presets) {
    it(`${scenario.id}: exports and imports back unchanged, and fits its scenario`, () => {
      const { events } = simulateInline(scenario, 7);
      const text = exportTrace(scenario.id, 7, events);
      const back = importTrace(text);
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(JSON.stringify(back.file.events)).toBe(JSON.stringify(events));
      expect(traceMismatch(back.summary, scenario)).toBeNull();
    });
  }

  it('writes the same file in chunks as in one piece, the same as JSON.stringify', () => {
    const file = { format: 'dslab-trace', version: 1, scenario: bully.id, seed: 1, events: bullyEvents };
    expect([...traceFileChunks(bully.id, 1, bullyEvents)].join('')).toBe(JSON.stringify(file));
  });

  it('reads a file pushed in pieces of any size', () => {
    for (const size of [1, 7, 4096]) {
      const reader = new TraceReader();
      for (let i = 0; i < exported.length; i += size) reader.push(exported.slice(i, i + size));
      expect(reader.finish().events).toHaveLength(bullyEvents.length);
    }
  });

  it(`refuses a file larger than ${MAX_TRACE_BYTES / 1024 / 1024} MB before reading it`, () => {
    const huge = { length: MAX_TRACE_BYTES + 1 } as unknown as string;
    expect(importTrace(huge)).toEqual({ ok: false, error: 'the file is larger than 128 MB' });
  });

  describe(`refuses ${BAD_FILES.length} bad files, each with one clear message`, () => {
    for (const [name, text, message] of BAD_FILES) {
      it(name, () => {
        const result = importTrace(text);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error).toMatch(message);
        expect(result.error).not.toContain('\n');
        expect(result.error.length).toBeLessThan(300);
      });
    }
  });

  describe('refuses what does not fit the scenario the file names', () => {
    const check = (text: string): string | null => {
      const result = importTrace(text);
      if (!result.ok) throw new Error(result.error);
      return traceMismatch(result.summary, bully);
    };
    const renameKind = (kind: string): string =>
      edited((f) => {
        const e = f.events[sendIndex]!;
        e.kind = kind;
        (e.msg as Json).kind = kind;
      });
    it('a message kind "constructor"', () => {
      expect(check(renameKind('constructor'))).toMatch(
        /has a message of kind "constructor", which Bully election does not send \(ELECTION, OK, COORDINATOR, HEARTBEAT\)/,
      );
    });
    it('a message kind "__proto__"', () => {
      expect(check(renameKind('__proto__'))).toMatch(/kind "__proto__", which Bully election does not send/);
    });
    it('a node the scenario does not have', () => {
      expect(check(withAction({ type: 'crash', at: lastT, node: 77 }))).toMatch(/names node 77, which bully-10 does not have/);
    });
    it('a role the algorithm does not have', () => {
      const text = edited(
        (f) => void f.events.push({ seq: lastSeq + 1, t: lastT, type: 'role', node: 1, local: 0, role: 'king', leader: null }),
      );
      expect(check(text)).toMatch(/role "king", which Bully election does not have/);
    });
  });
});
