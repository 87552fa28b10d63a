import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, labSearch, MAX_SEED, parseLabSearch, parseSeed, readLogicalParam, withLogicalParam } from './url-state.ts';

const ids = ['cristian-basic', 'bully-10', 'ring-8'];
const parse = (search: string) => parseLabSearch(search, ids, 'cristian-basic');

describe('parseLabSearch', () => {
  it('opens the named preset with the given seed', () => {
    expect(parse('?scenario=bully-10&seed=42')).toEqual({ scenarioId: 'bully-10', seed: 42, problem: null });
  });

  it('falls back silently when nothing is given', () => {
    expect(parse('')).toEqual({ scenarioId: 'cristian-basic', seed: DEFAULT_SEED, problem: null });
  });

  it('names an unknown scenario and what is shown instead', () => {
    const parsed = parse('?scenario=nope&seed=3');
    expect(parsed.scenarioId).toBe('cristian-basic');
    expect(parsed.seed).toBe(3);
    expect(parsed.problem).toBe('There is no scenario "nope"; showing "cristian-basic" instead.');
  });

  it.each(['abc', '-1', '1.5', '', '4294967296', '99999999999', '1e3'])('rejects the seed %j', (seed) => {
    const parsed = parse(`?scenario=ring-8&seed=${encodeURIComponent(seed)}`);
    expect(parsed.scenarioId).toBe('ring-8');
    expect(parsed.seed).toBe(DEFAULT_SEED);
    expect(parsed.problem).toContain('is not a whole number');
  });

  it('puts both problems into one message', () => {
    const parsed = parse('?scenario=x&seed=y');
    expect(parsed.problem).toBe(
      `There is no scenario "x"; showing "cristian-basic" instead. The seed "y" is not a whole number from 0 to ${MAX_SEED}; using seed ${DEFAULT_SEED}.`,
    );
  });

  it('clips a huge value before echoing it', () => {
    const parsed = parse(`?scenario=${'a'.repeat(10_000)}`);
    expect(parsed.problem?.length).toBeLessThan(120);
  });

  it('round-trips through labSearch', () => {
    const search = labSearch({ scenarioId: 'ring-8', seed: MAX_SEED });
    expect(search).toBe(`?scenario=ring-8&seed=${MAX_SEED}`);
    expect(parse(search)).toEqual({ scenarioId: 'ring-8', seed: MAX_SEED, problem: null });
  });
});

describe('parseSeed', () => {
  it('accepts whole numbers in range, with surrounding spaces', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed(' 17 ')).toBe(17);
    expect(parseSeed(String(MAX_SEED))).toBe(MAX_SEED);
    expect(parseSeed('x')).toBeNull();
  });
});

describe('logical=', () => {
  it('reads lamport and vector, off when absent, and one sentence for anything else', () => {
    expect(readLogicalParam('?scenario=bully-10&logical=lamport')).toEqual({ mode: 'lamport', problem: null });
    expect(readLogicalParam('?logical=vector')).toEqual({ mode: 'vector', problem: null });
    expect(readLogicalParam('?scenario=bully-10')).toEqual({ mode: 'off', problem: null });
    expect(readLogicalParam('?logical=hybrid')).toEqual({
      mode: 'off',
      problem: 'logical="hybrid" is none of off, lamport, vector; logical clocks are off.',
    });
  });

  it('writes the mode last and keeps every other parameter as written', () => {
    expect(withLogicalParam('?scenario=bully-10&seed=1&actions=1:crash:3', 'vector')).toBe(
      '?scenario=bully-10&seed=1&actions=1:crash:3&logical=vector',
    );
    expect(withLogicalParam('?scenario=bully-10&logical=vector&seed=1', 'lamport')).toBe('?scenario=bully-10&seed=1&logical=lamport');
    expect(withLogicalParam('?scenario=bully-10&logical=vector', 'off')).toBe('?scenario=bully-10');
    expect(withLogicalParam('?logical=lamport', 'off')).toBe('');
  });
});
