// Where presenter mode puts each node's logical clock (issue 11) so that no two labels touch,
// and none touches a glyph, a name, the lines under a node or the true-time clock: at ten
// nodes a vector "V=[12,0,7,…]" beside every glyph ran into its neighbours. Each label is a
// box of the size its text can reach with entries of `digits` digits (the page measures one
// character of the label's monospace font); nodes in id order take the first place that is
// clear: beside the glyph on the right or left, under its lines, above its name, or further
// in towards the middle of the ellipse, where the stage is free. When even that fails, the
// caller draws each node's own entry only (the whole vector is in the log and the diagram).

import type { NodeId } from '../../core/index.ts';
import { GLYPH_REACH, PRESENTER_TEXT, type StageLayout } from './layout.ts';

/** Left, top, right, bottom in viewBox units. */
export type Box = readonly [number, number, number, number];

/**
 * Where a label goes, relative to its node's centre: its rows are centred on y, and x is where
 * they start, end or are centred (anchor), so the text hugs the glyph on whichever side it is.
 * A label set further in gets a leader line from the glyph's edge to it.
 */
export interface LabelPlace {
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
  leader: { x1: number; y1: number; x2: number; y2: number } | null;
}

/** Vector entries per row on the stage (LogicalBadge's vectorRows). */
export const VECTOR_ROW = 5;
/** Row height in em (LogicalBadge). */
export const LABEL_LINE_EM = 1.1;
/** Presenter mode's logical clock text size in px (lab.css .glyph-logical). */
export const LABEL_PX = 26;
/** Clear space kept between a label and anything else (its paper-coloured outline is 2 px). */
const CLEARANCE = 6;

/** How a label is written: "L=4", the whole vector "V=[1,0,2]", or a vector's own entry "V3=2". */
export type LabelForm = 'lamport' | 'vector' | 'own';

/** The label's rows at their widest with entries of `digits` digits: how many rows, and the longest's characters. */
export function labelShape(form: LabelForm, nodes: number, digits: number): { rows: number; chars: number } {
  if (form === 'lamport') return { rows: 1, chars: 2 + digits };
  if (form === 'own') return { rows: 1, chars: 2 + String(nodes).length + digits };
  const rows = Math.max(1, Math.ceil(nodes / VECTOR_ROW));
  const perRow = Math.min(nodes, VECTOR_ROW);
  // "V=[" or three spaces, the entries with commas between, and a trailing "," or "]".
  return { rows, chars: 3 + perRow * digits + (perRow - 1) + 1 };
}

const overlaps = (a: Box, b: Box, gap: number): boolean => a[0] < b[2] + gap && b[0] < a[2] + gap && a[1] < b[3] + gap && b[1] < a[3] + gap;

/** What each node takes up on a presenter stage: its glyph (any shape) with its name, and the lines under it. */
export function nodeBoxes(layout: StageLayout, lineWidth: number): Box[] {
  const { line, gap } = PRESENTER_TEXT;
  const r = layout.radius;
  const lines = layout.linesBelow ?? 0;
  const nameAbove = layout.above - r;
  const boxes: Box[] = [];
  for (const p of layout.positions.values()) {
    boxes.push([
      p.x - GLYPH_REACH.side * r,
      p.y - Math.max(GLYPH_REACH.up * r, r + nameAbove),
      p.x + GLYPH_REACH.side * r,
      p.y + GLYPH_REACH.down * r,
    ]);
    if (lines > 0) boxes.push([p.x - lineWidth / 2, p.y + r + 2, p.x + lineWidth / 2, p.y + r + gap + lines * line]);
  }
  return boxes;
}

/**
 * A place for every node's label of `width` × `height`, clear of `obstacles`, of the stage's
 * edges and of each other; null when some node has none.
 */
export function placeLabels(layout: StageLayout, width: number, height: number, obstacles: readonly Box[]): Map<NodeId, LabelPlace> | null {
  const placed: Box[] = [];
  const out = new Map<NodeId, LabelPlace>();
  const r = layout.radius;
  const lines = layout.linesBelow ?? 0;
  const below = lines > 0 ? r + PRESENTER_TEXT.gap + lines * PRESENTER_TEXT.line : GLYPH_REACH.down * r;
  const above = Math.max(layout.above, GLYPH_REACH.up * r);
  const inStage = (b: Box): boolean => b[0] >= 2 && b[1] >= 2 && b[2] <= layout.width - 2 && b[3] <= layout.height - 2;
  const clear = (b: Box): boolean =>
    inStage(b) && !obstacles.some((o) => overlaps(b, o, CLEARANCE)) && !placed.some((o) => overlaps(b, o, CLEARANCE));
  for (const [id, p] of layout.positions) {
    // Boxes by their left and top edges, relative to the node's centre, in order of
    // preference: beside the glyph (level, then a half or whole label higher or lower), under
    // its lines, above its name.
    const side = GLYPH_REACH.side * r + CLEARANCE + 2;
    const candidates: { x: number; y: number; anchor: LabelPlace['anchor']; far: boolean }[] = [];
    for (const shift of [0, -0.5, 0.5, -1, 1])
      candidates.push(
        { x: side, y: -height / 2 + shift * height, anchor: 'start', far: false },
        { x: -side - width, y: -height / 2 + shift * height, anchor: 'end', far: false },
      );
    candidates.push(
      { x: -width / 2, y: below + CLEARANCE + 2, anchor: 'middle', far: false },
      { x: -width / 2, y: -above - CLEARANCE - 2 - height, anchor: 'middle', far: false },
    );
    // Then further in, towards the middle of the ellipse, centred on the way or beside it.
    const dx = layout.centre.x - p.x;
    const dy = layout.centre.y - p.y;
    const reach = Math.hypot(dx, dy);
    if (reach > 1)
      for (let t = r + 10; t < reach; t += 12) {
        const cx = (dx / reach) * t;
        const cy = (dy / reach) * t;
        candidates.push(
          { x: cx - width / 2, y: cy - height / 2, anchor: 'middle', far: true },
          { x: cx, y: cy - height / 2, anchor: 'start', far: true },
          { x: cx - width, y: cy - height / 2, anchor: 'end', far: true },
        );
      }
    const spot = candidates.find((c) => clear([p.x + c.x, p.y + c.y, p.x + c.x + width, p.y + c.y + height]));
    if (!spot) return null;
    const box: Box = [spot.x, spot.y, spot.x + width, spot.y + height];
    placed.push([p.x + box[0], p.y + box[1], p.x + box[2], p.y + box[3]]);
    const x = spot.anchor === 'start' ? box[0] + 2 : spot.anchor === 'end' ? box[2] - 2 : (box[0] + box[2]) / 2;
    out.set(id, { x, y: (box[1] + box[3]) / 2, anchor: spot.anchor, leader: spot.far ? leaderLine(box, r) : null });
  }
  return out;
}

/** A line from the glyph's edge (radius r round the node's centre) to the nearest point of the label's box. */
function leaderLine(box: Box, r: number): LabelPlace['leader'] {
  const x2 = Math.min(Math.max(0, box[0]), box[2]);
  const y2 = Math.min(Math.max(0, box[1]), box[3]);
  const len = Math.hypot(x2, y2);
  if (len <= r + 2) return null;
  return { x1: (x2 / len) * (r + 2), y1: (y2 / len) * (r + 2), x2, y2 };
}
