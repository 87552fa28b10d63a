// The core's second entry, for a node worker: one node's runtime and the types the host↔node
// protocol carries, and nothing that would load the whole registry (lessons, presets,
// checkers, schemas). A worker compiles all it imports before it can answer, once per node,
// so this keeps the node worker's script small (issue 13). Everything else imports the core
// from index.ts.

export { assertNever } from './assert.ts';
export { NodeRuntime, type NodeCheckpoint, type NodeRuntimeInit } from './node-runtime.ts';
export type { Effect, NodeInput, NodeView } from './machine.ts';
export type { NodeCall, NodeReply } from './simulation.ts';
export type { NodeId } from './time.ts';
