// One node on the stage: its shape and colour by role (with a text label too), crashed
// nodes greyed and crossed out, its local clock (digital, plus a 1-second analog dial when
// there is room), its offset from true time and its drift. It selects only its own node,
// so it re-renders when that node changes; the clock reading is a child that follows time.

import { memo, useCallback } from 'react';
import { symbol } from 'd3-shape';
import { type NodeId, readClock, type TrueTime } from '../../core/index.ts';
import { useLab } from '../../store/context.tsx';
import { selectViolationOf, useMonitor } from '../../store/monitor.ts';
import { selectNode, selectReadout } from '../../store/selectors.ts';
import { selectClockMatters, selectShownLeaderName } from '../../store/node-labels.ts';
import type { NodeState } from '../../store/trace-view.ts';
import { AnalogFace } from './AnalogFace.tsx';
import { LogicalBadge } from './LogicalBadge.tsx';
import { formatSeconds, formatOffsetMs, formatPpm } from './format.ts';
import type { Point } from './layout.ts';
import type { LabelPlace } from './logical-layout.ts';
import { familyShape, roleFamily } from './palette.ts';

export interface NodeGlyphProps {
  id: NodeId;
  at: Point;
  r: number;
  detailed: boolean;
  textScale: number;
  /** Presenter mode: one unit is one CSS pixel and text has fixed pixel sizes (presenter.css). */
  presenter?: boolean;
  /** Presenter mode: the lines under the glyph that fit: 3 (role, clock, offset), 1 (role) or 0. */
  lines?: number;
  /** Whether the role line names the leader ("follower of P10"); in presenter mode a clock algorithm's "slave of Master" says nothing the shapes do not. */
  leaderInRole?: boolean;
  /** Presenter mode with short names (P1…P10): the name is written inside the glyph. */
  nameInside?: boolean;
  selected: boolean;
  onSelect: (id: NodeId) => void;
  /** The node's place in the scenario's order (its entry in a vector clock). */
  vectorIndex?: number;
  /** Presenter mode: where the logical clock goes (Stage's logical-layout), or null where none fits; undefined elsewhere. */
  logicalAt?: LabelPlace | null | undefined;
  /** Presenter mode: only the node's own vector entry fits ("V3=2"). */
  logicalOwn?: boolean;
}

const roleLabel = (n: NodeState): string => (n.faulted ? 'faulted' : n.status === 'crashed' ? 'crashed' : n.role);

/** A worker's error can be long: the glyph shows its start, the tooltip and inspector all of it. */
const shortError = (error: string): string => (error.length > 28 ? `${error.slice(0, 27)}…` : error);

/**
 * The glyph's accessible name: what its text shows, in the same words ("P1, follower of P9"),
 * so a speech-input user can say what they see (WCAG 2.5.3), then status, offset and drift.
 * The texts drawn beside the glyph are aria-hidden: this name is their text alternative.
 */
export function nodeAriaLabel(n: NodeState, leaderName?: string): string {
  const role = `${roleLabel(n)}${leaderName !== undefined && n.status === 'alive' ? ` of ${leaderName}` : ''}`;
  const fault = n.faulted ? `, faulted: ${n.faulted}` : '';
  const real = n.external ? `, real program at ${n.address ?? 'no address yet'}` : '';
  return `${n.name}, ${role}, ${n.status}${fault}${real}, offset ${formatOffsetMs(n.offsetMs)}, drift ${formatPpm(n.clock.driftPpm)}`;
}

/** Drawn only when there is room for it: the dial's hand follows every frame, the reading the readout time. */
function LocalClock({ node, r, k, face }: { node: NodeState; r: number; k: number; face: boolean }) {
  const now = useLab(selectReadout);
  const reading = readClock(node.clock, now as TrueTime);
  const clock = node.clock;
  const read = useCallback((t: number) => readClock(clock, t as TrueTime), [clock]);
  return (
    <>
      {face && <AnalogFace read={read} r={r * 0.62} />}
      <g transform={`translate(0 ${r}) scale(${k})`} aria-hidden="true">
        <text className="glyph-clock" y={56} textAnchor="middle">
          {formatSeconds(reading)}
        </text>
      </g>
    </>
  );
}

export const NodeGlyph = memo(function NodeGlyph({
  id,
  at,
  r,
  detailed,
  textScale: k,
  presenter = false,
  lines = 3,
  leaderInRole = true,
  nameInside = false,
  selected,
  onSelect,
  vectorIndex = 0,
  logicalAt,
  logicalOwn = false,
}: NodeGlyphProps) {
  const node = useLab(selectNode(id));
  const leaderName = useLab(selectShownLeaderName(id));
  const clockMatters = useLab(selectClockMatters(id));
  const violation = useMonitor(selectViolationOf(id));
  if (!node) return null;
  const family = roleFamily(node.role);
  const area = family === 'candidate' ? r * r * 2.6 : family === 'leader' ? r * r * 3.3 : Math.PI * r * r;
  const path = symbol(familyShape[family], area)() ?? '';
  const crossed = node.status === 'crashed';
  const fontScale = presenter ? 24 / 14 : detailed ? 1 : Math.max(0.5, r / 24);
  // In presenter mode an election's perfect clocks are left out (they would only crowd the
  // stage), and lines that would run into the neighbours (the layout says how many fit).
  const showClock = !presenter || lines >= 3;
  const showRole = !presenter || lines >= 1;
  return (
    // The glyph's button holds only its shape and name, so its accessible name covers all the
    // text inside it (WCAG 2.5.3); the clock, role and offset drawn beside it are aria-hidden
    // (the name says them) and sit outside the button, since the clock changes every frame.
    <g
      className={`node-glyph family-${family}${selected ? ' selected' : ''}${clockMatters ? '' : ' clock-exact'}`}
      transform={`translate(${at.x.toFixed(1)} ${at.y.toFixed(1)})`}
      onClick={() => onSelect(id)}
    >
      <g
        className="node-button"
        data-testid={`node-${id}`}
        data-status={node.status}
        data-role={node.role}
        data-offset-ms={node.offsetMs}
        data-faulted={node.faulted ? 'true' : undefined}
        data-violation={violation?.invariant}
        data-external={node.external ? 'true' : undefined}
        role="button"
        tabIndex={0}
        aria-pressed={selected}
        aria-label={nodeAriaLabel(node, leaderName)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onSelect(id);
        }}
      >
        {node.faulted && <title>{`${node.name} faulted: ${node.faulted}`}</title>}
        {selected && <circle className="selection-ring" r={r * 1.45} />}
        {violation && (
          <g className="violation-badge" transform={`translate(${(r * 0.95).toFixed(1)} ${(-r * 0.95).toFixed(1)})`}>
            <title>{`${violation.invariant}: ${violation.detail}`}</title>
            <circle r={presenter ? 16 : Math.max(7, r * 0.38)} />
            <text textAnchor="middle" dy="0.35em" style={{ fontSize: `${presenter ? 24 : Math.max(9, r * 0.5)}px` }}>
              !
            </text>
          </g>
        )}
        <path className="shape" d={path} />
        {crossed && (
          <g className={node.faulted ? 'crash-cross fault-cross' : 'crash-cross'} aria-hidden="true">
            <line x1={-r * 0.7} y1={-r * 0.7} x2={r * 0.7} y2={r * 0.7} />
            <line x1={-r * 0.7} y1={r * 0.7} x2={r * 0.7} y2={-r * 0.7} />
          </g>
        )}
        <text
          className={nameInside ? 'glyph-name inside' : 'glyph-name'}
          y={nameInside ? 0 : detailed ? -r - 12 : r * 0.35}
          dy={nameInside ? '0.35em' : undefined}
          textAnchor="middle"
          style={nameInside ? { fontSize: '24px' } : detailed ? { fontSize: `${30 * k}px` } : { fontSize: `${14 * fontScale}px` }}
        >
          {node.name}
        </text>
      </g>
      {!crossed && detailed && showClock && <LocalClock node={node} r={r} k={k} face={!presenter || (!nameInside && r >= 34)} />}
      {node.external && !detailed && (
        <text
          aria-hidden="true"
          className="glyph-address"
          data-testid={`node-${id}-address`}
          y={r * 0.35 + 14 * fontScale}
          textAnchor="middle"
          style={{ fontSize: `${presenter ? 24 : 10 * fontScale}px` }}
        >
          real · {node.address ?? 'not connected'}
        </text>
      )}
      {detailed && showRole && (
        <g transform={`translate(0 ${r}) scale(${k})`} aria-hidden="true">
          <text className="glyph-role" y={28} textAnchor="middle">
            {roleLabel(node)}
            {leaderInRole && leaderName !== undefined && node.status === 'alive' ? ` of ${leaderName}` : ''}
          </text>
          {node.faulted ? (
            <text className="glyph-fault" y={56} textAnchor="middle" data-testid={`node-${id}-fault-label`}>
              faulted: {shortError(node.faulted)}
            </text>
          ) : null}
          {node.external ? (
            // A real program's clock is its own: where it is matters more than a simulated drift.
            <text className="glyph-address" data-testid={`node-${id}-address`} y={presenter ? 84 : 82} textAnchor="middle">
              real · {node.address ?? 'not connected'}
            </text>
          ) : showClock ? (
            <text className="glyph-offset" y={presenter ? 84 : 82} textAnchor="middle">
              {/* The drift stays in the inspector in presenter mode: the line must fit beside the neighbours. */}
              {presenter ? formatOffsetMs(node.offsetMs) : `${formatOffsetMs(node.offsetMs)} · ${formatPpm(node.clock.driftPpm)}`}
            </text>
          ) : null}
        </g>
      )}
      <LogicalBadge id={id} index={vectorIndex} r={r} k={k} detailed={detailed} presenter={presenter} at={logicalAt} own={logicalOwn} />
    </g>
  );
});
