// The host interface: something that keeps node machines and runs the calls the
// simulation hands out. The inline host answers synchronously; the worker host answers
// with promises. Both must produce the same replies for the same calls.

import type { NodeCall, NodeId, NodeReply } from '../core/index.ts';

export interface NodeHost {
  /**
   * Runs a call. A `speculative` one (sent beyond the lookahead's window, see
   * Simulation.speculate) may be taken back with `undo`; a host offers that only with `undo`.
   */
  call(call: NodeCall, speculative?: boolean): NodeReply | Promise<NodeReply>;
  /** Puts the node back as it was before its last speculative call (calls to a node run in order). */
  undo?(node: NodeId): void;
  /** Ends the node's current incarnation and throws away its volatile state. */
  crash(node: NodeId): void;
  /** A sentence on what a live node is doing (for the inspector), or null if crashed. */
  describe(node: NodeId): string | null | Promise<string | null>;
  dispose(): void;
}
