// Every property test in `npm test` draws from one fixed fast-check seed, so a run is
// reproducible and CI never fails on a schedule nobody has seen: DSLAB_PROPERTY_SEED picks
// another, and `npm run fuzz` searches new ones.

import fc from 'fast-check';

// Read through globalThis: this file is type-checked with the page's sources, which have no Node types.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
fc.configureGlobal({ seed: Number(env['DSLAB_PROPERTY_SEED'] ?? 20261129) });
