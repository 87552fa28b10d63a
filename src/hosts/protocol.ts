// The host↔node protocol: what the main thread posts to a node's worker and what comes
// back. Versioned, so a stale cached worker script fails loudly instead of misreading
// messages. Every command carries an id and its answer echoes it, so a late answer (after a
// deadline, or from a worker being torn down) can never be taken for another call's.
//
// Node calls, the hot path (thousands a second), travel as flat arrays rather than nested
// objects: structured clone copies an array of numbers and strings for a fraction of what
// it spends on objects, and each message's fixed cost is most of a call's (issue 13). The
// reply's view is left out when it is the one the worker sent last.
//
// A speculative call (hosts/lockstep.ts) makes the worker keep a copy of the node as it was
// before it, which `undo` puts back; its machine throwing then only rejects that call
// (`kept`), since the call may never happen.

import {
  assertNever,
  type Effect,
  type NodeCall,
  type NodeCheckpoint,
  type NodeId,
  type NodeInput,
  type NodeReply,
  type NodeRuntimeInit,
  type NodeView,
} from '../core/runtime.ts';

export const PROTOCOL_VERSION = 2;

const BOOT = 0;
const MESSAGE = 1;
const TIMER = 2;
const NOTICE = 3;
const REQUEST = 4;

/** A node call: [id, node, incarnation, now, delayMs, input kind, input a, input b, speculative 0/1]. */
export type CallPacket = [
  id: number,
  node: NodeId,
  incarnation: number,
  now: number,
  delayMs: number,
  kind: number,
  a: unknown,
  b: unknown,
  speculative: 0 | 1,
];

/** A node's reply: [id, effects, role, leader]; role 0 when the view is the one sent last. */
export type ReplyPacket = [id: number, effects: Effect[], role: NodeView['role'] | 0, leader: NodeId | null];

export type HostToNode =
  /** Which node this worker runs; answered with `ready`. */
  | { type: 'init'; id: number; version: number; init: NodeRuntimeInit }
  | CallPacket
  /** Back to before the last speculative call; answered with `undone`. */
  | { type: 'undo'; id: number }
  | { type: 'describe'; id: number }
  | { type: 'snapshot'; id: number }
  | { type: 'restore'; id: number; checkpoint: NodeCheckpoint };

export type NodeToHost =
  | { type: 'ready'; id: number; version: number; node: NodeId }
  | ReplyPacket
  | { type: 'undone'; id: number }
  | { type: 'description'; id: number; text: string }
  | { type: 'snapshot'; id: number; checkpoint: NodeCheckpoint }
  /** The command failed; `id` is -1 when the worker could not even read it; `kept` when the node was put back (a speculative call). */
  | { type: 'error'; id: number; message: string; kept?: true };

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function encodeCall(id: number, call: NodeCall, speculative = false): CallPacket {
  const input = call.input;
  const packet: CallPacket = [id, call.node, call.incarnation, call.now, call.delayMs, NOTICE, null, null, speculative ? 1 : 0];
  switch (input.type) {
    case 'boot':
      packet[5] = BOOT;
      packet[6] = input.recovered;
      break;
    case 'message':
      packet[5] = MESSAGE;
      packet[6] = input.from;
      packet[7] = input.msg;
      break;
    case 'timer':
      packet[5] = TIMER;
      packet[6] = input.key;
      break;
    case 'notice':
      break;
    case 'request':
      packet[5] = REQUEST;
      break;
    default:
      assertNever(input, 'node input');
  }
  return packet;
}

export function decodeCall(packet: CallPacket): NodeCall {
  const [, node, incarnation, now, delayMs, kind, a, b] = packet;
  let input: NodeInput;
  if (kind === MESSAGE) input = { type: 'message', from: a as NodeId, msg: b as Extract<NodeInput, { type: 'message' }>['msg'] };
  else if (kind === TIMER) input = { type: 'timer', key: a as string };
  else if (kind === BOOT) input = { type: 'boot', recovered: a as boolean };
  else if (kind === NOTICE) input = { type: 'notice' };
  else if (kind === REQUEST) input = { type: 'request' };
  else throw new Error(`unknown node input kind ${String(kind)}`);
  return { node, incarnation, now: now as NodeCall['now'], delayMs, input };
}

/** The worker's side of the reply: remembers the view it sent, to leave it out while unchanged. */
export function replyEncoder(): { encode(id: number, reply: NodeReply): ReplyPacket; reset(): void } {
  let sent: NodeView | null = null;
  return {
    encode(id, reply) {
      const view = reply.view;
      if (view === sent) return [id, reply.effects, 0, null];
      sent = view;
      return [id, reply.effects, view.role, view.leader];
    },
    reset() {
      sent = null;
    },
  };
}

/** The host's side: one per worker, holding the view last received. */
export function replyDecoder(): { decode(packet: ReplyPacket): NodeReply; reset(): void } {
  let view: NodeView | null = null;
  return {
    decode(packet) {
      const [, effects, role, leader] = packet;
      if (role !== 0) view = { role, leader };
      if (!view) throw new Error('worker left out a view it never sent');
      return { effects, view };
    },
    reset() {
      view = null;
    },
  };
}
