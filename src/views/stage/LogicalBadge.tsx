// A node's logical clock on the stage (issue 11), at the moment shown, beside its glyph:
// "L=4", or its vector clock "V=[1,0,2]" broken into rows of five entries so ten nodes' vectors
// stay clear of their neighbours. With too many nodes for text under the glyphs, a vector is
// shortened to the node's own entry (the whole vector is in the log and on the diagram's
// selected event). Its own component, selecting a string, so the glyph does not re-render
// when only the clock ticks.

import type { NodeId } from '../../core/index.ts';
import { useLab } from '../../store/context.tsx';
import { selectNodeLogical, useLogical } from '../../store/logical-view.ts';

/** Vector entries per line on the stage. */
const ROW = 5;

/** "V=[1,0,2,0,0,3,1]" → ["V=[1,0,2,0,0,", "   3,1]"]. */
export function vectorRows(label: string): string[] {
  const m = /^V=\[(.*)\]$/.exec(label);
  if (!m) return [label];
  const entries = (m[1] ?? '').split(',');
  const rows: string[] = [];
  for (let i = 0; i < entries.length; i += ROW) {
    const part = entries.slice(i, i + ROW).join(',');
    const last = i + ROW >= entries.length;
    rows.push(`${i === 0 ? 'V=[' : '   '}${part}${last ? ']' : ','}`);
  }
  return rows.length > 0 ? rows : ['V=[]'];
}

export function LogicalBadge({
  id,
  index,
  r,
  k,
  detailed,
  presenter,
  left = false,
}: {
  id: NodeId;
  /** The node's place in the vector (the scenario's order). */
  index: number;
  r: number;
  k: number;
  detailed: boolean;
  presenter: boolean;
  /** A vector clock on the glyph's left (presenter mode's right-hand nodes, near the stage's edge). */
  left?: boolean;
}) {
  const mode = useLogical((s) => s.mode);
  const label = useLab(selectNodeLogical(id, mode));
  if (label === null) return null;
  const common = {
    className: `glyph-logical logical-${mode}`,
    'data-testid': `node-${id}-logical`,
    'data-value': label,
    'aria-hidden': true,
  } as const;
  if (!detailed) {
    const own = mode === 'vector' ? `V${index + 1}=${label.slice(3, -1).split(',')[index] ?? '0'}` : label;
    return (
      <text
        {...common}
        x={r + 4}
        y={0}
        dy="0.35em"
        textAnchor="start"
        style={presenter ? undefined : { fontSize: `${Math.max(9, r * 0.6)}px` }}
      >
        {own}
      </text>
    );
  }
  const rows = mode === 'vector' ? vectorRows(label) : [label];
  const line = 1.1;
  const onLeft = left && mode === 'vector';
  return (
    <g transform={`translate(${(onLeft ? -r - 6 : r + 6).toFixed(1)} 0) scale(${presenter ? 1 : k})`}>
      <text {...common} textAnchor={onLeft ? 'end' : 'start'}>
        {rows.map((row, i) => (
          <tspan key={i} x={0} y={`${((i - (rows.length - 1) / 2) * line).toFixed(2)}em`} dy="0.35em">
            {row}
          </tspan>
        ))}
      </text>
    </g>
  );
}
