// TEST ONLY: a node worker that misbehaves on purpose, loaded only by the test hook
// (src/app/debug-hook.ts, behind ?debug=1 or the dev server). Before `init` the host posts
// a fault plan; the node it names throws, or hangs for good, at its first delivered message.
// Everything else is the real node server.

import { NodeRuntime } from '../../core/index.ts';
import { createNodeServer } from '../node-server.ts';
import type { HostToNode } from '../protocol.ts';
import { serveWorker } from '../worker-scope.ts';

export interface FaultPlan {
  type: 'fault-plan';
  node: number;
  mode: 'throw' | 'hang';
}

let plan: FaultPlan | null = null;

const server = createNodeServer((init) => {
  const runtime = new NodeRuntime(init);
  return {
    describe: () => runtime.describe(),
    checkpoint: () => runtime.checkpoint(),
    restore: (c) => runtime.restore(c),
    call(call) {
      if (plan && plan.node === init.self && call.input.type === 'message') {
        if (plan.mode === 'throw') throw new Error(`test fault: node ${init.self}'s machine threw`);
        // A machine stuck in a loop: the worker never answers again until terminated.
        for (;;) {
          /* spin */
        }
      }
      return runtime.call(call);
    },
  };
});

serveWorker((command: HostToNode) => {
  const raw = command as unknown as FaultPlan | HostToNode;
  if (!Array.isArray(raw) && raw.type === 'fault-plan') {
    plan = raw;
    return null;
  }
  return server(raw as HostToNode);
});
