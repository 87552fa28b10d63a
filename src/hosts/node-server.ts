// What a node worker does with each command, apart from the worker plumbing: holds one
// NodeRuntime and answers the protocol. Kept free of worker globals so unit tests can drive
// it directly and test-only workers can wrap the runtime (see src/hosts/testing/).

import { assertNever, type NodeCall, type NodeCheckpoint, type NodeReply, NodeRuntime, type NodeRuntimeInit } from '../core/runtime.ts';
import { decodeCall, errorText, type HostToNode, type NodeToHost, PROTOCOL_VERSION, replyEncoder } from './protocol.ts';

/** The part of a NodeRuntime the server uses; test workers substitute a faulty one. */
export type RuntimeLike = Pick<NodeRuntime, 'describe' | 'checkpoint' | 'restore'> & { call(call: NodeCall): NodeReply };

export type RuntimeFactory = (init: NodeRuntimeInit) => RuntimeLike;

/**
 * Returns a handler from command to answer. A handler may return null to stay silent (only
 * test runtimes that simulate a hung node do that, by never returning from `call`).
 */
export function createNodeServer(makeRuntime: RuntimeFactory = (init) => new NodeRuntime(init)): (command: HostToNode) => NodeToHost {
  let runtime: RuntimeLike | null = null;
  const replies = replyEncoder();
  /** The node before the last speculative call, until another call or `undo`. A copy: a machine may not mutate its state, but a worker need not trust that. */
  let before: NodeCheckpoint | null = null;
  const need = (): RuntimeLike => {
    if (!runtime) throw new Error('node worker got a command before init');
    return runtime;
  };
  return (command) => {
    try {
      if (Array.isArray(command)) {
        const node = need();
        before = command[8] === 1 ? structuredClone(node.checkpoint()) : null;
        try {
          return replies.encode(command[0], node.call(decodeCall(command)));
        } catch (error) {
          if (!before) throw error;
          node.restore(structuredClone(before));
          return { type: 'error', id: command[0], message: errorText(error), kept: true };
        }
      }
      switch (command.type) {
        case 'init':
          if (command.version !== PROTOCOL_VERSION)
            throw new Error(`protocol version ${command.version} from the page, ${PROTOCOL_VERSION} in the worker`);
          runtime = makeRuntime(command.init);
          before = null;
          replies.reset();
          return { type: 'ready', id: command.id, version: PROTOCOL_VERSION, node: command.init.self };
        case 'undo':
          if (before) need().restore(before);
          before = null;
          return { type: 'undone', id: command.id };
        case 'describe':
          return { type: 'description', id: command.id, text: need().describe() };
        case 'snapshot':
          return { type: 'snapshot', id: command.id, checkpoint: need().checkpoint() };
        case 'restore':
          need().restore(command.checkpoint);
          before = null;
          replies.reset();
          return { type: 'snapshot', id: command.id, checkpoint: need().checkpoint() };
        default:
          return assertNever(command, 'host command');
      }
    } catch (error) {
      const id = Array.isArray(command) ? command[0] : command?.id;
      return { type: 'error', id: typeof id === 'number' ? id : -1, message: errorText(error) };
    }
  };
}
