// One simulated node's Web Worker: a thin adapter that hands each protocol command to the
// node server (one NodeRuntime) and posts the answer back. The worker knows nothing of
// true time, the network or other nodes: only what its calls tell it.

import { createNodeServer } from './node-server.ts';
import { serveWorker } from './worker-scope.ts';

serveWorker(createNodeServer());
