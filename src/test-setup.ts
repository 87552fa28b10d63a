// Every property test in `npm test` draws from one fixed fast-check seed, so a run is
// reproducible and CI never fails on a schedule nobody has seen: DSLAB_PROPERTY_SEED picks
// another, and `npm run fuzz` searches new ones.

import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env['DSLAB_PROPERTY_SEED'] ?? 20261129) });
