// The stage: links, nodes on an ellipse, messages in flight, the true-time reference clock
// in the middle and the legend. Layout is computed once per node list, not per frame.

import { useCallback, useMemo } from 'react';
import type { NodeId } from '../../core/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectAlgorithm, selectNodeOrder, selectPartition, selectSelected } from '../../store/selectors.ts';
import { Legend } from './Legend.tsx';
import { Links } from './Links.tsx';
import { MessageLayer } from './MessageLayer.tsx';
import { NodeGlyph } from './NodeGlyph.tsx';
import { ReferenceClock } from './ReferenceClock.tsx';
import { STAGE_HEIGHT, STAGE_WIDTH, stageLayout } from './layout.ts';

export function Stage() {
  const order = useLab(selectNodeOrder);
  const selected = useLab(selectSelected);
  const algorithm = useLab(selectAlgorithm);
  const partition = useLab(selectPartition);
  const store = useLabStoreApi();
  const layout = useMemo(() => stageLayout(order), [order]);
  const onSelect = useCallback(
    (id: NodeId) => {
      const s = store.getState();
      if (s.selectedLink) s.selectLink(null);
      s.select(s.selected === id ? null : id);
    },
    [store],
  );
  return (
    <section className="stage" aria-label="Nodes and messages">
      <svg className="stage-svg" viewBox={`0 0 ${STAGE_WIDTH} ${STAGE_HEIGHT}`} preserveAspectRatio="xMidYMid meet">
        <Links order={order} layout={layout} algorithm={algorithm} />
        <ReferenceClock at={layout.centre} compact={!layout.detailed} />
        {order.map((id) => (
          <NodeGlyph
            key={id}
            id={id}
            at={layout.positions.get(id) ?? layout.centre}
            r={layout.radius}
            detailed={layout.detailed}
            textScale={layout.textScale}
            selected={selected === id}
            onSelect={onSelect}
          />
        ))}
        <MessageLayer layout={layout} />
      </svg>
      {partition && (
        <p className="partition-banner" role="status">
          Partitioned: {partition.map((g) => `{${g.join(', ')}}`).join(' | ')}
        </p>
      )}
      <Legend />
    </section>
  );
}
