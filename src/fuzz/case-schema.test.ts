import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FUZZ_NAMES, parseFuzzCase } from './case-schema.ts';

const good = {
  algorithm: 'bully',
  nodes: 3,
  seed: 1,
  heartbeat: false,
  slew: false,
  faults: [{ at: 10, type: 'crash', node: 3 }],
  healAt: 8000,
};
const with_ = (patch: Record<string, unknown>): string => JSON.stringify({ ...good, ...patch });

const BAD_CASES: [name: string, text: string, message: string][] = [
  ['not JSON', 'nope', '--replay needs the case JSON that a failure printed (this is not JSON)'],
  ['a list', '[1]', '--replay: a fuzz case is a JSON object'],
  ['only an algorithm', '{"algorithm":"bully"}', '--replay: nodes: is missing'],
  ['an unknown algorithm', with_({ algorithm: 'paxos' }), `--replay: algorithm: algorithm "paxos" is not one of ${FUZZ_NAMES.join(', ')}`],
  ['-5 nodes', with_({ nodes: -5 }), '--replay: nodes: nodes -5 is not a whole number from 2 to 64'],
  ['1e9 nodes', with_({ nodes: 1e9 }), '--replay: nodes: nodes 1000000000 is not a whole number from 2 to 64'],
  ['a seed of 1.5', with_({ seed: 1.5 }), '--replay: seed: seed 1.5 is not a whole number from 0 to 4294967295'],
  ['heartbeat "yes"', with_({ heartbeat: 'yes' }), '--replay: heartbeat: heartbeat "yes" is not true or false'],
  [
    'a crash on node 77 of 3',
    with_({ faults: [{ at: 10, type: 'crash', node: 77 }] }),
    '--replay: faults.0: the crash names node 77, but the case has nodes 1 to 3',
  ],
  [
    'a fault after healAt',
    with_({ faults: [{ at: 9000, type: 'crash', node: 2 }] }),
    '--replay: faults.0: the crash at 9000 ms is not before healAt (8000 ms)',
  ],
  ['a drift without ppm', with_({ faults: [{ at: 10, type: 'drift', node: 2 }] }), '--replay: faults.0: drift action: ppm: is missing'],
  [
    'a teleport',
    with_({ faults: [{ at: 10, type: 'teleport', node: 2 }] }),
    '--replay: faults.0: "teleport" is not an action type (crash, recover, notice, request, drift, offset, link, network, partition, heal)',
  ],
  ['an unknown field', with_({ extra: 1 }), '--replay: extra: is not a field of a fuzz case'],
  [
    'two clocks for three nodes',
    with_({
      clocks: [
        { offsetMs: 0, driftPpm: 0 },
        { offsetMs: 0, driftPpm: 0 },
      ],
    }),
    '--replay: clocks: 2 clocks for 3 nodes',
  ],
  [
    'a clock drifting 600,000 ppm',
    with_({ clocks: [0, 0, 600_000].map((driftPpm) => ({ offsetMs: 0, driftPpm })) }),
    '--replay: clocks.2.driftPpm: driftPpm 600000 is not a number from -500000 to 500000',
  ],
];

describe('npm run fuzz -- --replay: the case is checked like the CLI checks its arguments', () => {
  it('accepts a case as a failure prints it', () => {
    expect(parseFuzzCase(JSON.stringify(good))).toEqual({ case: good });
    // A clock-sync case carries its nodes' initial clocks (the printed line of a Cristian failure once could not be replayed).
    const clocks = [
      { offsetMs: 0, driftPpm: 500_000 },
      { offsetMs: -86_400_000, driftPpm: 0 },
      { offsetMs: 12.5, driftPpm: -3 },
    ];
    expect(parseFuzzCase(with_({ algorithm: 'cristian', clocks }))).toEqual({ case: { ...good, algorithm: 'cristian', clocks } });
  });
  for (const [name, text, message] of BAD_CASES) {
    it(`refuses ${name}`, () => expect(parseFuzzCase(text)).toEqual({ error: message }));
  }
  it('takes every algorithm: the older five and those the registry fuzzes', () => {
    expect(FUZZ_NAMES).toEqual(
      expect.arrayContaining(['bully', 'ring', 'chang-roberts', 'cristian', 'berkeley', 'central-mutex', 'ricart-agrawala']),
    );
    const registryCase = {
      algorithm: 'central-mutex',
      nodes: 3,
      seed: 1,
      flip: true,
      faults: [{ at: 10, type: 'request', node: 2 }],
      healAt: 6000,
    };
    expect(parseFuzzCase(JSON.stringify(registryCase))).toEqual({ registryCase });
    expect(parseFuzzCase(JSON.stringify({ ...registryCase, flip: 1 }))).toEqual({ error: '--replay: flip: flip 1 is not true or false' });
  });
  it('as a process: exit 2 and one line on stderr, nothing on stdout', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/fuzz/cli.ts', '--replay', '{"algorithm":"bully"}'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('error: --replay: nodes: is missing\n');
  });
});
