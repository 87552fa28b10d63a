// A node's logical clock on the stage (issue 11), at the moment shown, beside its glyph:
// "L=4", or its vector clock "V=[1,0,2]" broken into rows of five entries. In presenter mode,
// where the text is large, the stage places each label where it touches nothing
// (logical-layout.ts), shortened to the node's own entry or left out where even that cannot be
// placed. With too many nodes for text under the glyphs, a vector is shortened to the node's
// own entry (the whole vector is in the log and on the diagram's selected event). Its own
// component, selecting a string, so the glyph does not re-render when only the clock ticks.

import type { NodeId } from '../../core/index.ts';
import { useLab } from '../../store/context.tsx';
import { selectNodeLogical, useLogical } from '../../store/logical-view.ts';
import { LABEL_LINE_EM, type LabelPlace, VECTOR_ROW } from './logical-layout.ts';

/** Vector entries per line on the stage. */
const ROW = VECTOR_ROW;

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
  at,
  own = false,
}: {
  id: NodeId;
  /** The node's place in the vector (the scenario's order). */
  index: number;
  r: number;
  k: number;
  detailed: boolean;
  presenter: boolean;
  /** Presenter mode: where the label goes, clear of every other (logical-layout.ts); null: nowhere fits, so none. */
  at?: LabelPlace | null | undefined;
  /** Presenter mode: only the node's own vector entry, where whole vectors do not fit. */
  own?: boolean;
}) {
  const mode = useLogical((s) => s.mode);
  const label = useLab(selectNodeLogical(id, mode));
  if (label === null || at === null) return null;
  const common = {
    className: `glyph-logical logical-${mode}`,
    'data-testid': `node-${id}-logical`,
    'data-value': label,
    'aria-hidden': true,
  } as const;
  const ownEntry = (): string => (mode === 'vector' ? `V${index + 1}=${label.slice(3, -1).split(',')[index] ?? '0'}` : label);
  if (!detailed) {
    return (
      <text
        {...common}
        x={r + 4}
        y={0}
        dy="0.35em"
        textAnchor="start"
        style={presenter ? undefined : { fontSize: `${Math.max(9, r * 0.6)}px` }}
      >
        {ownEntry()}
      </text>
    );
  }
  const rows = own ? [ownEntry()] : mode === 'vector' ? vectorRows(label) : [label];
  const place = (rowsAt: readonly string[], anchor: 'start' | 'end' | 'middle') => (
    <text {...common} textAnchor={anchor}>
      {rowsAt.map((row, i) => (
        <tspan key={i} x={0} y={`${((i - (rowsAt.length - 1) / 2) * LABEL_LINE_EM).toFixed(2)}em`} dy="0.35em">
          {row}
        </tspan>
      ))}
    </text>
  );
  if (!at) return <g transform={`translate(${(r + 6).toFixed(1)} 0) scale(${presenter ? 1 : k})`}>{place(rows, 'start')}</g>;
  // Rows of one length (monospace, spaces kept: .glyph-logical.placed), so their entries line
  // up whichever side the text is anchored on.
  const longest = Math.max(...rows.map((row) => row.length));
  const padded = rows.map((row) => row.padEnd(longest, ' '));
  return (
    <>
      {at.leader && (
        <line
          className="logical-leader"
          x1={at.leader.x1.toFixed(1)}
          y1={at.leader.y1.toFixed(1)}
          x2={at.leader.x2.toFixed(1)}
          y2={at.leader.y2.toFixed(1)}
          aria-hidden="true"
        />
      )}
      <g className="placed" transform={`translate(${at.x.toFixed(1)} ${at.y.toFixed(1)})`}>
        {place(padded, at.anchor)}
      </g>
    </>
  );
}
