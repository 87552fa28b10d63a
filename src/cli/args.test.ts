import { describe, expect, it } from 'vitest';
import { presets } from '../scenarios/index.ts';
import { helpText, MAX_ACTIONS, parseArgs, type ParsedArgs, type RunOptions } from './args.ts';

// The lab's six presets first, then whatever presets later algorithms add.
const KNOWN = presets.map((p) => p.id).join(', ');

const parse = (line: string): ParsedArgs => parseArgs(line.split(' ').filter(Boolean), presets);

function run(line: string): RunOptions {
  const parsed = parse(line);
  if (parsed.kind !== 'run') throw new Error(`expected a run, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function error(line: string): string {
  const parsed = parse(line);
  if (parsed.kind !== 'error') throw new Error(`expected an error, got ${parsed.kind}`);
  return parsed.message;
}

describe('parseArgs: valid arguments', () => {
  it('reads scenario and seed, and defaults until to the scenario duration', () => {
    const options = run('--scenario bully-10 --seed 1');
    expect(options.scenario.id).toBe('bully-10');
    expect(options).toMatchObject({ seed: 1, until: 5000, actions: [], json: false, trace: false });
  });

  it('takes --flag=value as well as --flag value, in any order', () => {
    const options = run('--json --seed=4294967295 --until=7000.5 --scenario=ring-8 --trace');
    expect(options).toMatchObject({ seed: 4294967295, until: 7000.5, json: true, trace: true });
    expect(options.scenario.id).toBe('ring-8');
  });

  it('turns every verb into a user action, in the order given', () => {
    const options = run(
      '--scenario bully-10 --seed 0 --action 3000:crash:9 --action 3200:notice:2 --action 4000:recover:9 --action 0:drift=-20000:3 --action 1.5:drift=+500000:1',
    );
    expect(options.actions).toEqual([
      { at: 3000, type: 'crash', node: 9 },
      { at: 3200, type: 'notice', node: 2 },
      { at: 4000, type: 'recover', node: 9 },
      { at: 0, type: 'drift', node: 3, ppm: -20000 },
      { at: 1.5, type: 'drift', node: 1, ppm: 500000 },
    ]);
  });

  it('reads the link, network, offset and partition verbs the page writes into its URL', () => {
    const options = run(
      '--scenario bully-10 --seed 1 --action 2000:offset=-250:3 --action 2100:latency=500;loss=0.1:2-5 --action 2200:cut:5-2 --action 2300:latency=400;jitter=0;shape=none;fifo=off:all --action 2400:partition:1.2.3/4.5 --action 2500:heal',
    );
    expect(options.actions).toEqual([
      { at: 2000, type: 'offset', node: 3, offsetMs: -250 },
      { at: 2100, type: 'link', from: 2, to: 5, patch: { latencyMs: 500, loss: 0.1 } },
      { at: 2200, type: 'link', from: 5, to: 2, patch: { up: false } },
      { at: 2300, type: 'network', patch: { latencyMs: 400, jitterMs: 0, jitter: 'none', fifo: false } },
      {
        at: 2400,
        type: 'partition',
        groups: [
          [1, 2, 3],
          [4, 5],
        ],
      },
      { at: 2500, type: 'heal' },
    ]);
    // As the page plays it: one duration past the last action.
    expect(options.until).toBe(7500);
  });

  it('switches heartbeats on or off in the elections, and refuses them elsewhere', () => {
    const on = run('--scenario bully-10 --seed 1 --heartbeats on');
    expect(on.scenario.algorithm.settings).toMatchObject({ heartbeat: true });
    expect(error('--scenario cristian-basic --seed 1 --heartbeats on')).toBe(
      '--heartbeats: cristian-basic has no heartbeat failure detection (only the elections do)',
    );
    expect(error('--scenario bully-10 --seed 1 --heartbeats yes')).toBe('--heartbeats "yes" is not on or off');
  });

  it('lets --help win over anything else', () => {
    expect(parse('--scenario nope --help')).toEqual({ kind: 'help' });
    expect(parse('-h')).toEqual({ kind: 'help' });
  });

  it('lists every preset in the help text', () => {
    const help = helpText(presets);
    for (const p of presets) expect(help).toContain(p.id);
  });
});

describe('parseArgs: each bad argument gets its own message', () => {
  it("names the lab's six presets first", () => {
    expect(KNOWN.startsWith('cristian-basic, berkeley-basic, berkeley-canteen, cristian-manipal-buddy, bully-10, ring-8')).toBe(true);
  });

  it.each([
    ['', `--scenario is required (known: ${KNOWN})`],
    ['--seed 1', `--scenario is required (known: ${KNOWN})`],
    ['--scenario bully-11 --seed 1', `unknown scenario "bully-11" (known: ${KNOWN})`],
    ['--scenario bully-10', '--seed is required (a whole number from 0 to 4294967295)'],
    ['--scenario bully-10 --seed', '--seed needs a value'],
    ['--scenario bully-10 --seed --json', '--seed needs a value'],
    ['--scenario bully-10 --seed -1', '--seed "-1" is not a whole number from 0 to 4294967295'],
    ['--scenario bully-10 --seed 1.5', '--seed "1.5" is not a whole number from 0 to 4294967295'],
    ['--scenario bully-10 --seed 4294967296', '--seed "4294967296" is not a whole number from 0 to 4294967295'],
    ['--scenario bully-10 --seed 0x10', '--seed "0x10" is not a whole number from 0 to 4294967295'],
    ['--scenario bully-10 --seed 1 --seed 2', '--seed given more than once'],
    ['--scenario bully-10 --seed 1 --until -1', '--until "-1" is not a number of ms from 0 to 86400000 (24 h)'],
    ['--scenario bully-10 --seed 1 --until Infinity', '--until "Infinity" is not a number of ms from 0 to 86400000 (24 h)'],
    ['--scenario bully-10 --seed 1 --until 86400001', '--until "86400001" is not a number of ms from 0 to 86400000 (24 h)'],
    [
      '--scenario bully-10 --seed 1 --action 3000:crash',
      '--action "3000:crash": "crash" needs a target after a second ":" (a node id, a link like 2-5, or all)',
    ],
    [
      '--scenario bully-10 --seed 1 --action soon:crash:9',
      '--action "soon:crash:9": the time "soon" is not a number of ms from 0 to 86400000 (24 h)',
    ],
    [
      '--scenario bully-10 --seed 1 --action -5:crash:9',
      '--action "-5:crash:9": the time "-5" is not a number of ms from 0 to 86400000 (24 h)',
    ],
    [
      '--scenario bully-10 --seed 1 --action 3000:explode:9',
      '--action "3000:explode:9": unknown verb "explode" (node verbs: crash, recover, notice, request, drift=<ppm>, offset=<ms>; link settings: latency, jitter, shape, loss, dup, fifo, up; cut, restore, partition, heal)',
    ],
    ['--scenario bully-10 --seed 1 --action 3000:crash:P9', '--action "3000:crash:P9": the node "P9" is not a node id'],
    [
      '--scenario bully-10 --seed 1 --action 3000:crash:11',
      '--action "3000:crash:11": bully-10 has no node 11 (nodes: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)',
    ],
    [
      '--scenario bully-10 --seed 1 --action 3000:drift=fast:2',
      '--action "3000:drift=fast:2": the drift "fast" is not a number of ppm from -500000 to 500000',
    ],
    [
      '--scenario bully-10 --seed 1 --action 3000:drift=-500001:2',
      '--action "3000:drift=-500001:2": the drift "-500001" is not a number of ppm from -500000 to 500000',
    ],
    ['--scenario bully-10 --seed 1 --verbose', 'unknown option "--verbose" (see --help)'],
    ['--scenario bully-10 --seed 1 extra', 'unexpected argument "extra" (options start with --; see --help)'],
    ['--scenario bully-10 --seed 1 --json=yes', '--json takes no value'],
  ])('%s', (line, message) => {
    expect(error(line)).toBe(message);
  });

  it('clips a huge value in the message', () => {
    const message = error(`--scenario ${'x'.repeat(500)} --seed 1`);
    // Beside the list of known presets, which grows with every algorithm, the echo is short.
    expect(message.length - KNOWN.length).toBeLessThan(120);
    expect(message).toContain('…');
  });

  it('caps the number of actions', () => {
    const argv = ['--scenario', 'bully-10', '--seed', '1'];
    for (let i = 0; i <= MAX_ACTIONS; i++) argv.push('--action', `${i}:notice:1`);
    expect(parseArgs(argv, presets)).toEqual({ kind: 'error', message: `too many --action options (at most ${MAX_ACTIONS})` });
  });
});
