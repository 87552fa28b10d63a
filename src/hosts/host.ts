// The host interface: something that keeps node machines and runs the calls the
// simulation hands out. The inline host answers synchronously; the worker host answers
// with promises. Both must produce the same replies for the same calls.

import type { NodeCall, NodeId, NodeReply } from '../core/index.ts';

export interface NodeHost {
  call(call: NodeCall): NodeReply | Promise<NodeReply>;
  /** Ends the node's current incarnation and throws away its volatile state. */
  crash(node: NodeId): void;
  /** A sentence on what a live node is doing (for the inspector), or null if crashed. */
  describe(node: NodeId): string | null | Promise<string | null>;
  dispose(): void;
}
