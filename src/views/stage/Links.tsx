// The links between nodes, faint, drawn only while there are few enough to read: the ring's
// edges for Ring, every pair otherwise. Links a partition cuts are dashed and red.

import type { AlgorithmId } from '../../core/machine.ts';
import type { NodeId } from '../../core/time.ts';
import { useLab } from '../../store/context.tsx';
import { selectPartition } from '../../store/selectors.ts';
import type { StageLayout } from './layout.ts';

const PAIR_LIMIT = 16;

export function Links({ order, layout, algorithm }: { order: readonly NodeId[]; layout: StageLayout; algorithm: AlgorithmId | null }) {
  const partition = useLab(selectPartition);
  if (order.length > PAIR_LIMIT && !partition) return null;
  const groupOf = new Map<NodeId, number>();
  partition?.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
  const cut = (a: NodeId, b: NodeId): boolean => partition !== null && groupOf.get(a) !== groupOf.get(b);

  const pairs: [NodeId, NodeId][] = [];
  if (algorithm === 'ring') {
    order.forEach((id, i) => pairs.push([id, order[(i + 1) % order.length] as NodeId]));
  } else if (order.length <= PAIR_LIMIT) {
    for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) pairs.push([order[i] as NodeId, order[j] as NodeId]);
  }
  return (
    <g className="links" aria-hidden="true">
      {pairs.map(([a, b]) => {
        const p = layout.positions.get(a);
        const q = layout.positions.get(b);
        if (!p || !q) return null;
        return <line key={`${a}-${b}`} className={cut(a, b) ? 'link cut' : 'link'} x1={p.x} y1={p.y} x2={q.x} y2={q.y} />;
      })}
    </g>
  );
}
