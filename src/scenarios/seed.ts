// A run's seed, as a user types it or a URL carries it: an unsigned 32-bit integer (all the
// random streams take), checked against one schema. Shared by the pages and the views.

import * as v from 'valibot';

export const DEFAULT_SEED = 1;
export const MAX_SEED = 0xffff_ffff;

export const SeedSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^\d{1,10}$/, `a seed is a whole number from 0 to ${MAX_SEED}`),
  v.transform(Number),
  v.integer(),
  v.maxValue(MAX_SEED, `a seed is a whole number from 0 to ${MAX_SEED}`),
);

/** Parses a seed typed by a user or found in a URL; null when it is not a valid seed. */
export function parseSeed(raw: string): number | null {
  const result = v.safeParse(SeedSchema, raw);
  return result.success ? result.output : null;
}
