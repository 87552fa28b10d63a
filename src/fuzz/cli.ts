// `npm run fuzz -- [--runs N] [--algorithm A] [--seed S] [--replay '<case json>']`: the
// property tests' random fault schedules, as many as you like, for every algorithm (the
// older five in cases.ts, those whose definitions carry a fuzz spec in registry-cases.ts). A failure prints the
// fast-check seed and path, the shrunk case as JSON, its violations, and the command that
// replays it.

import fc from 'fast-check';
import { caseArbitrary, FUZZ_ALGORITHMS, runCase, type FuzzAlgorithm, type FuzzCase } from './cases.ts';
import { FUZZ_NAMES, parseFuzzCase } from './case-schema.ts';
import { registryCaseArbitrary, runRegistryCase, type RegistryCase } from './registry-cases.ts';
import { type AlgorithmId, formatViolations, type TraceEvent, type Violation } from '../core/index.ts';

interface FuzzOptions {
  runs: number;
  algorithms: string[];
  seed: number | undefined;
  replay: FuzzCase | RegistryCase | undefined;
}

const isOlder = (a: string): a is FuzzAlgorithm => (FUZZ_ALGORITHMS as readonly string[]).includes(a);
type AnyCase = FuzzCase | RegistryCase;
const run = (c: AnyCase): { violations: Violation[]; events: TraceEvent[] } => ('flip' in c ? runRegistryCase(c) : runCase(c));
const arbitraryFor = (a: string): fc.Arbitrary<AnyCase> => (isOlder(a) ? caseArbitrary(a) : registryCaseArbitrary(a as AlgorithmId));

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

function parse(argv: string[]): FuzzOptions {
  const options: FuzzOptions = { runs: 1000, algorithms: [...FUZZ_NAMES], seed: undefined, replay: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => (value === undefined ? fail(`${flag} needs a value`) : (i++, value));
    switch (flag) {
      case '--runs': {
        const runs = Number(need());
        if (!Number.isInteger(runs) || runs < 1 || runs > 10_000_000) fail('--runs must be an integer from 1 to 10,000,000');
        options.runs = runs;
        break;
      }
      case '--algorithm': {
        const a = need();
        if (!FUZZ_NAMES.includes(a)) fail(`unknown algorithm "${a}" (known: ${FUZZ_NAMES.join(', ')})`);
        options.algorithms = [a];
        break;
      }
      case '--seed': {
        const seed = Number(need());
        if (!Number.isInteger(seed)) fail('--seed must be an integer');
        options.seed = seed;
        break;
      }
      case '--replay': {
        const parsed = parseFuzzCase(need());
        if ('error' in parsed) fail(parsed.error);
        options.replay = 'case' in parsed ? parsed.case : parsed.registryCase;
        break;
      }
      case '--help':
        process.stdout.write(
          `usage: npm run fuzz -- [--runs N] [--algorithm ${FUZZ_NAMES.join('|')}] [--seed S] [--replay '<case json>']\n`,
        );
        process.exit(0);
        break;
      default:
        fail(`unknown flag "${flag}" (try --help)`);
    }
  }
  return options;
}

const options = parse(process.argv.slice(2));

if (options.replay) {
  const { violations, events } = run(options.replay);
  process.stdout.write(`replayed ${options.replay.algorithm}: ${events.length} trace events, ${violations.length} violations\n`);
  if (violations.length > 0) process.stdout.write(`${formatViolations(violations)}\n`);
  process.exit(violations.length > 0 ? 1 : 0);
}

let failed = 0;
for (const algorithm of options.algorithms) {
  const started = performance.now();
  const details = fc.check(
    fc.property(arbitraryFor(algorithm), (c) => run(c).violations.length === 0),
    { numRuns: options.runs, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!details.failed) {
    process.stdout.write(`${algorithm}: ${details.numRuns} schedules passed in ${seconds} s\n`);
    continue;
  }
  failed++;
  const shrunk = details.counterexample?.[0] as AnyCase | undefined;
  process.stdout.write(
    `${algorithm}: FAILED after ${details.numRuns} schedules (fast-check seed ${details.seed}, path "${details.counterexamplePath ?? ''}")\n`,
  );
  if (shrunk) {
    process.stdout.write(`${formatViolations(run(shrunk).violations)}\n`);
    process.stdout.write(`replay: npm run fuzz -- --replay '${JSON.stringify(shrunk)}'\n`);
  }
}
process.stdout.write(`${options.algorithms.length - failed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
