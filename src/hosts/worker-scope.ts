// The worker side of the plumbing shared by the node worker and test workers. The app's
// tsconfig has the DOM lib (not WebWorker), so the dedicated worker scope is typed here by
// the two members we use.

import type { HostToNode, NodeToHost } from './protocol.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<HostToNode>) => void) | null;
  postMessage(message: NodeToHost): void;
}

export function serveWorker(handle: (command: HostToNode) => NodeToHost | null): void {
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (event) => {
    const answer = handle(event.data);
    if (answer) scope.postMessage(answer);
  };
}
