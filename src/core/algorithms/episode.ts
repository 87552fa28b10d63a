// Election ids that stay unique across a process's lives. A recovered process starts with
// empty volatile state (ARCHITECTURE.md §1), so its counters start again at 0; the others still
// remember the ids of its last life (Ring's copies, Bully's closed episodes) and would take
// its new election for an old one. Like a boot timestamp, the local clock reading at
// recovery tells the lives apart without stable storage.

import type { LocalTime, NodeId } from '../time.ts';

/** 0 for a process's first life; the local clock (ms, at least 1) it recovered at after that. */
export const incarnationStamp = (now: LocalTime): number => Math.max(1, Math.round(now as number));

/** Episode `P<self>.<n>`, and `P<self>.<n>@<stamp>` in a later life. */
export const episodeId = (self: NodeId, n: number, inc: number): string => (inc ? `P${self}.${n}@${inc}` : `P${self}.${n}`);
