// One table of bad inputs from every door into the lab: the CLI's arguments, the page's URL,
// imported trace files and the number fields. Each must get one clear sentence, and none may
// touch a run already going (the import rows check the live run is the same, unchanged, and
// still runs). Page-only cases (the fields beside their inputs, the import progress, the
// keyboard) are in e2e/lab/bad-input.spec.ts.

import { describe, expect, it } from 'vitest';
import { readLabUrl } from './app/lab/lab-url.ts';
import { runCli } from './cli/main.ts';
import { exportTrace, importTrace, type Scenario } from './core/index.ts';
import { simulateInline } from './hosts/inline.ts';
import { findPreset } from './scenarios/index.ts';
import { createFakeRunner, type FakeRunner } from './store/fake-runner.ts';
import { createLabStore } from './store/lab-store.ts';
import { acceptImport } from './store/trace-import.ts';
import { parseNumberField } from './views/controls/number-field.ts';

const CLI: [args: string, message: RegExp][] = [
  ['', /^error: --scenario is required/],
  ['--scenario bully-10', /^error: --seed is required/],
  ['--scenario nope --seed 1', /^error: unknown scenario "nope"/],
  ['--scenario bully-10 --seed -1', /^error: --seed "-1" is not a whole number/],
  ['--scenario bully-10 --seed 1e3', /^error: --seed "1e3" is not a whole number/],
  ['--scenario bully-10 --seed 99999999999', /^error: --seed "99999999999" is not/],
  ['--scenario bully-10 --seed 1 --until NaN', /^error: --until "NaN" is not a number of ms/],
  ['--scenario bully-10 --seed 1 --until 1e309', /^error: --until "1e309" is not a number of ms/],
  ['--scenario bully-10 --seed 1 --until 1e300', /^error: --until "1e300" is not a number of ms/],
  ['--scenario bully-10 --seed 1 --action 100:crash:77', /^error: --action "100:crash:77": bully-10 has no node 77/],
  ['--scenario bully-10 --seed 1 --action 100:teleport:3', /^error: --action "100:teleport:3": unknown verb "teleport"/],
  [
    '--scenario bully-10 --seed 1 --action 100:drift=1e308:3',
    /^error: --action "100:drift=1e308:3": the drift "1e308" is not a number of ppm/,
  ],
  ['--scenario bully-10 --seed 1 --action 100:drift=:3', /^error: --action "100:drift=:3": the drift "" is not/],
  ['--scenario bully-10 --seed 1 --action crash', /^error: --action "crash": expected <ms>:<verb>/],
  ['--scenario bully-10 --seed 1 --bogus', /^error: unknown option "--bogus"/],
  ['--scenario bully-10 --seed 1 --trace-file=', /^error: --trace-file needs a file name/],
  ['--scenario bully-10 --seed 1 --seed 2', /^error: --seed given more than once/],
  ['--scenario bully-10 --seed 1 --json=1', /^error: --json takes no value/],
  ['stray', /^error: unexpected argument "stray"/],
  ['--scenario bully-10 --seed 1 --until -5', /^error: --until "-5" is not a number of ms/],
];

const URLS: [search: string, problem: RegExp][] = [
  ['?scenario=nope&seed=1', /There is no scenario "nope"; showing "cristian-basic" instead/],
  ['?scenario=bully-10&seed=abc', /The seed "abc" is not a whole number/],
  ['?scenario=bully-10&seed=1e309', /The seed "1e309" is not a whole number/],
  ['?scenario=bully-10&seed=-4', /The seed "-4" is not a whole number/],
  [`?scenario=${'x'.repeat(10_000)}&seed=1`, /There is no scenario "x{40}…"/],
  ['?scenario=constructor&seed=1', /There is no scenario "constructor"/],
  ['?scenario=__proto__&seed=1', /There is no scenario "__proto__"/],
  ['?scenario=custom-bully-999&seed=1', /There is no scenario "custom-bully-999"/],
  ['?scenario=ring-8&seed=1.5', /The seed "1\.5" is not a whole number/],
  ['?scenario=ring-8&seed=0x10', /The seed "0x10" is not a whole number/],
];

const bully = findPreset('bully-10') as Scenario;
const base = JSON.parse(exportTrace(bully.id, 1, simulateInline(bully, 1, { until: 2000 }).events)) as {
  events: Record<string, unknown>[];
} & Record<string, unknown>;
const last = base.events[base.events.length - 1] as { seq: number; t: number };
const file = (edit: (f: typeof base) => void): string => {
  const copy = structuredClone(base);
  edit(copy);
  return JSON.stringify(copy);
};
const action = (a: unknown): string => file((f) => void f.events.push({ seq: last.seq + 1, t: last.t, type: 'action', action: a }));
const sendAt = base.events.findIndex((e) => e['type'] === 'send');
const kind = (k: string): string =>
  file((f) => {
    const e = f.events[sendAt] as Record<string, unknown> & { msg: Record<string, unknown> };
    e['kind'] = k;
    e.msg['kind'] = k;
  });

const IMPORTS: [name: string, text: string, message: RegExp][] = [
  ['a partition with groups 5', action({ type: 'partition', at: last.t, groups: 5 }), /groups is not a list of lists of node ids/],
  ['a teleport action', action({ type: 'teleport', at: last.t }), /"teleport" is not an action type/],
  [
    'a link action with patch null',
    action({ type: 'link', at: last.t, from: 1, to: 2, patch: null }),
    /a link change is an object of settings/,
  ],
  ['groups [[1,2],"x"]', action({ type: 'partition', at: last.t, groups: [[1, 2], 'x'] }), /partition action: groups\.1/],
  ['a drift action without ppm', action({ type: 'drift', at: last.t, node: 2 }), /drift action: ppm: is missing/],
  ['t = 1e300', file((f) => void (f.events[4]!['t'] = 1e300)), /t: 1e\+300 is not a number of ms/],
  ['drift 1e308', file((f) => void ((f.events[0]!['clock'] as Record<string, unknown>)['driftPpm'] = 1e308)), /driftPpm: 1e\+308 is not/],
  ['a 10,000-character name', file((f) => void (f.events[0]!['name'] = 'n'.repeat(10_000))), /a node name is 10000 characters long/],
  ['an empty event list', file((f) => void (f.events = [])), /the trace has no events/],
  [
    'a message nested a million levels deep',
    JSON.stringify(base).replace('"msg":{', `"msg":{"x":${'['.repeat(1e6)}${']'.repeat(1e6)},`),
    /nested more than 8 levels deep/,
  ],
  ['a message kind "constructor"', kind('constructor'), /kind "constructor", which Bully election does not send/],
  ['a message kind "__proto__"', kind('__proto__'), /kind "__proto__", which Bully election does not send/],
  ['a crash of node 77', action({ type: 'crash', at: last.t, node: 77 }), /names node 77, which bully-10 does not have/],
  ['an unknown scenario', file((f) => void (f['scenario'] = 'bully-11')), /names an unknown scenario "bully-11"/],
  ['not JSON', '{"format":', /the file ends before the trace does/],
  ['a later version', file((f) => void (f['version'] = 9)), /version: 9 is not a version this page reads/],
  ['events out of order', file((f) => void f.events.reverse()), /out of order/],
  [
    'a loss of 150%',
    action({ type: 'network', at: last.t, patch: { loss: 1.5 } }),
    /patch\.loss: 1\.5 is not a number probability from 0 to 1/,
  ],
];

const FIELDS: [text: string, range: { min: number; max: number; unit: string }, message: string][] = [
  ['', { min: 0, max: 10_000, unit: 'ms' }, 'Empty: enter a number of ms from 0 to 10000.'],
  ['   ', { min: 0, max: 10_000, unit: 'ms' }, 'Empty: enter a number of ms from 0 to 10000.'],
  ['abc', { min: 0, max: 10_000, unit: 'ms' }, '"abc" is not a number: enter a number of ms from 0 to 10000.'],
  ['NaN', { min: 0, max: 10_000, unit: 'ms' }, '"NaN" is not a number: enter a number of ms from 0 to 10000.'],
  ['Infinity', { min: 0, max: 10_000, unit: 'ms' }, '"Infinity" is not a number: enter a number of ms from 0 to 10000.'],
  ['1e309', { min: 0, max: 10_000, unit: 'ms' }, '"1e309" is too large: enter a number of ms from 0 to 10000.'],
  ['0x10', { min: 0, max: 10_000, unit: 'ms' }, '"0x10" is not a number: enter a number of ms from 0 to 10000.'],
  ['12,5', { min: 0, max: 10_000, unit: 'ms' }, '"12,5" is not a number: enter a number of ms from 0 to 10000.'],
  ['-1', { min: 0, max: 10_000, unit: 'ms' }, '"-1" is below 0 ms: enter a number of ms from 0 to 10000.'],
  ['10001', { min: 0, max: 10_000, unit: 'ms' }, '"10001" is above 10000 ms: enter a number of ms from 0 to 10000.'],
  ['101', { min: 0, max: 100, unit: '%' }, '"101" is above 100 %: enter a number of % from 0 to 100.'],
  ['1e308', { min: -500_000, max: 500_000, unit: 'ppm' }, '"1e308" is above 500000 ppm: enter a number of ppm from -500000 to 500000.'],
];

describe(`${CLI.length + URLS.length + IMPORTS.length + FIELDS.length} bad inputs, one clear sentence each`, () => {
  describe('the CLI: exit 2, one line on stderr, nothing on stdout', () => {
    for (const [args, message] of CLI) {
      it(args || '(no arguments)', () => {
        let out = '';
        let err = '';
        const code = runCli(args.split(' ').filter(Boolean), { out: (t) => void (out += t), err: (t) => void (err += t) });
        expect(code).toBe(2);
        expect(out).toBe('');
        expect(err).toMatch(message);
        expect(err.trimEnd().split('\n')).toHaveLength(1);
        expect(err.length).toBeLessThan(400);
      });
    }
  });

  describe('the URL: one sentence, and a run that still opens', () => {
    for (const [search, problem] of URLS) {
      it(search.length > 60 ? `${search.slice(0, 60)}…` : search, () => {
        const opened = readLabUrl(search);
        expect(opened.problem).toMatch(problem);
        expect(opened.problem!.length).toBeLessThan(300);
        expect(opened.scenario.nodes.length).toBeGreaterThan(0);
      });
    }
  });

  describe('imported trace files: one sentence, and the live run untouched', () => {
    for (const [name, text, message] of IMPORTS) {
      it(name, () => {
        const store = createLabStore(createFakeRunner);
        store.getState().load(bully, 3);
        const runner = store.getState().runner as FakeRunner;
        runner.advance(1200);
        const before = { runner, events: runner.trace().length, now: store.getState().now, runId: store.getState().runId };
        const error = acceptImport(store, importTrace(text), (id) => findPreset(id) ?? null);
        expect(error).toMatch(message);
        expect(error!.length).toBeLessThan(300);
        const after = store.getState();
        expect({ runner: after.runner, events: runner.trace().length, now: after.now, runId: after.runId }).toEqual(before);
        expect(after.readOnly).toBe(false);
        // And it still runs: P9 takes over from the crashed P10 as if nothing had happened.
        runner.advance(5000);
        expect(after.runner).toBe(store.getState().runner);
        expect(store.getState().view?.nodes[9]?.role).toBe('coordinator');
      });
    }
  });

  describe('number fields: the reason beside the field, nothing applied', () => {
    for (const [text, range, message] of FIELDS) {
      it(JSON.stringify(text), () => expect(parseNumberField(text, range)).toEqual({ ok: false, error: message }));
    }
    it('decimals are numbers: 12.5 ms, 0.5 %, -0 is 0', () => {
      expect(parseNumberField('12.5', { min: 0, max: 10_000, unit: 'ms' })).toEqual({ ok: true, value: 12.5 });
      expect(parseNumberField(' 0.5 ', { min: 0, max: 100, unit: '%' })).toEqual({ ok: true, value: 0.5 });
      expect(parseNumberField('-0', { min: 0, max: 100, unit: '%' })).toEqual({ ok: true, value: 0 });
    });
  });
});
