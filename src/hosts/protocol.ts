// The host↔node protocol: what the main thread posts to a node's worker and what comes
// back. Versioned, so a stale cached worker script fails loudly instead of misreading
// messages. Every command carries an id and its answer echoes it, so a late answer (after a
// deadline, or from a worker being torn down) can never be taken for another call's.

import type { NodeCall, NodeCheckpoint, NodeId, NodeReply, NodeRuntimeInit } from '../core/index.ts';

export const PROTOCOL_VERSION = 1;

export type HostToNode =
  /** Which node this worker runs; answered with `ready`. */
  | { type: 'init'; id: number; version: number; init: NodeRuntimeInit }
  | { type: 'call'; id: number; call: NodeCall }
  | { type: 'describe'; id: number }
  | { type: 'snapshot'; id: number }
  | { type: 'restore'; id: number; checkpoint: NodeCheckpoint };

export type NodeToHost =
  | { type: 'ready'; id: number; version: number; node: NodeId }
  | { type: 'reply'; id: number; reply: NodeReply }
  | { type: 'description'; id: number; text: string }
  | { type: 'snapshot'; id: number; checkpoint: NodeCheckpoint }
  /** The command failed; `id` is -1 when the worker could not even read it. */
  | { type: 'error'; id: number; message: string };

export type HostCommandType = HostToNode['type'];

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
