// What a node worker does with each command, apart from the worker plumbing: holds one
// NodeRuntime and answers the protocol. Kept free of worker globals so unit tests can drive
// it directly and test-only workers can wrap the runtime (see src/hosts/testing/).

import { assertNever, type NodeCall, type NodeReply, NodeRuntime, type NodeRuntimeInit } from '../core/index.ts';
import { errorText, type HostToNode, type NodeToHost, PROTOCOL_VERSION } from './protocol.ts';

/** The part of a NodeRuntime the server uses; test workers substitute a faulty one. */
export type RuntimeLike = Pick<NodeRuntime, 'describe' | 'checkpoint' | 'restore'> & { call(call: NodeCall): NodeReply };

export type RuntimeFactory = (init: NodeRuntimeInit) => RuntimeLike;

/**
 * Returns a handler from command to answer. A handler may return null to stay silent (only
 * test runtimes that simulate a hung node do that, by never returning from `call`).
 */
export function createNodeServer(makeRuntime: RuntimeFactory = (init) => new NodeRuntime(init)): (command: HostToNode) => NodeToHost {
  let runtime: RuntimeLike | null = null;
  const need = (): RuntimeLike => {
    if (!runtime) throw new Error('node worker got a command before init');
    return runtime;
  };
  return (command) => {
    try {
      switch (command.type) {
        case 'init':
          if (command.version !== PROTOCOL_VERSION)
            throw new Error(`protocol version ${command.version} from the page, ${PROTOCOL_VERSION} in the worker`);
          runtime = makeRuntime(command.init);
          return { type: 'ready', id: command.id, version: PROTOCOL_VERSION, node: command.init.self };
        case 'call':
          return { type: 'reply', id: command.id, reply: need().call(command.call) };
        case 'describe':
          return { type: 'description', id: command.id, text: need().describe() };
        case 'snapshot':
          return { type: 'snapshot', id: command.id, checkpoint: need().checkpoint() };
        case 'restore':
          need().restore(command.checkpoint);
          return { type: 'snapshot', id: command.id, checkpoint: need().checkpoint() };
        default:
          return assertNever(command, 'host command');
      }
    } catch (error) {
      return { type: 'error', id: typeof command?.id === 'number' ? command.id : -1, message: errorText(error) };
    }
  };
}
