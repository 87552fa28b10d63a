// Tallies keyed by strings that can come from outside (message kinds, drop reasons): objects
// without a prototype, so a kind named "constructor" or "__proto__" is a plain key like any
// other, and serialise to JSON as usual.

export type Counts = Record<string, number>;

export const emptyCounts = (): Counts => Object.create(null) as Counts;

/** Adds one to `key` in place. */
export function bump(counts: Counts, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** A copy of `counts` with one more `key` (for state that is never mutated). */
export function bumped(counts: Readonly<Counts>, key: string): Counts {
  const next = Object.assign(emptyCounts(), counts);
  bump(next, key);
  return next;
}
