// What a node's labels may say, so they say only what is true: the leader a role names ("follower
// of P9") only while that leader is up (a crashed node is nobody's leader), and a clock line only
// where clocks matter (a clock algorithm, or a clock someone made wrong).

import { algorithmFor, type NodeId } from '../core/index.ts';
import type { LabState } from './slices.ts';

/** The name of the live node this one follows (not itself), or undefined: nothing to add to its role. */
export const selectShownLeaderName =
  (id: NodeId) =>
  (s: LabState): string | undefined => {
    const leader = s.view?.nodes[id]?.leader;
    if (leader == null || leader === id) return undefined;
    const node = s.view?.nodes[leader];
    return node && node.status === 'alive' && !node.faulted ? node.name : undefined;
  };

/** Whether the node's clock is worth a line: the algorithm draws clocks, or this clock is off or drifts. */
export const selectClockMatters =
  (id: NodeId) =>
  (s: LabState): boolean => {
    const algorithm = s.scenario?.algorithm.id;
    if (algorithm === undefined || algorithmFor(algorithm).drawsClocks) return true;
    const node = s.view?.nodes[id];
    return node !== undefined && (node.offsetMs !== 0 || node.clock.driftPpm !== 0);
  };
