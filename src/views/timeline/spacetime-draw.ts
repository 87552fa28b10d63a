// Drawing the space-time model: on a canvas for the live view (it must stay smooth with
// 100,000 events, so only what the window shows is drawn), and as an SVG string for
// lecture slides. Both use the same geometry.

import type { NodeId } from '../../core/index.ts';
import { kindColour } from '../stage/palette.ts';
import { arrowsIn, type DiagramArrow, lowerBound, type SpaceTimeModel } from '../../store/spacetime-model.ts';

export interface Viewport {
  /** Visible window on the diagram's time axis (ms). */
  x0: number;
  x1: number;
  width: number;
  height: number;
}

export interface DiagramTheme {
  background: string;
  lane: string;
  text: string;
  band: string;
  gap: string;
  font: string;
}

export const LABEL_WIDTH = 96;
/** More arrows than this in the window and the diagram draws shafts only (no heads, no dots). */
export const DETAIL_LIMIT = 2000;
const PAD_Y = 18;

export interface Geometry {
  xToPx: (x: number) => number;
  pxToX: (px: number) => number;
  laneToPx: (node: NodeId) => number;
}

export function geometry(model: SpaceTimeModel, view: Viewport): Geometry {
  const span = Math.max(1e-9, view.x1 - view.x0);
  const plot = Math.max(1, view.width - LABEL_WIDTH - 8);
  const index = new Map(model.lanes.map((id, i) => [id, i]));
  const gap = model.lanes.length > 1 ? (view.height - 2 * PAD_Y) / (model.lanes.length - 1) : 0;
  return {
    xToPx: (x) => LABEL_WIDTH + ((x - view.x0) / span) * plot,
    pxToX: (px) => view.x0 + ((px - LABEL_WIDTH) / plot) * span,
    laneToPx: (node) => (model.lanes.length > 1 ? PAD_Y + (index.get(node) ?? 0) * gap : view.height / 2),
  };
}

/**
 * Where an arrow ends at true time `now`: a message still in flight then (also one that
 * arrived later, when the page shows an earlier moment) stops part-way.
 */
function arrowEnd(a: DiagramArrow, now: number): { x: number; fraction: number } {
  if (a.arriveT <= now) return { x: a.arriveX, fraction: 1 };
  const fraction = Math.max(0, Math.min(1, (now - a.sendT) / Math.max(1e-9, a.arriveT - a.sendT)));
  return { x: a.sendX + (a.arriveX - a.sendX) * fraction, fraction };
}

export function drawSpaceTime(
  ctx: CanvasRenderingContext2D,
  model: SpaceTimeModel,
  view: Viewport,
  theme: DiagramTheme,
  nameOf: (id: NodeId) => string,
  now: number,
  highlight: DiagramArrow | null,
): void {
  const g = geometry(model, view);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, view.width, view.height);
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';
  const clipX = (x: number): number => Math.max(LABEL_WIDTH, Math.min(view.width, g.xToPx(x)));

  for (const b of model.bands) {
    if (b.to < view.x0 || b.from > view.x1) continue;
    const y = g.laneToPx(b.node);
    ctx.fillStyle = theme.band;
    ctx.fillRect(clipX(b.from), y - 7, clipX(Math.min(b.to, now)) - clipX(b.from), 14);
  }
  for (const id of model.lanes) {
    const y = g.laneToPx(id);
    ctx.fillStyle = theme.text;
    ctx.fillText(nameOf(id), 6, y, LABEL_WIDTH - 12);
    ctx.strokeStyle = theme.lane;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(LABEL_WIDTH, y);
    ctx.lineTo(clipX(Math.min(now, view.x1)), y);
    ctx.stroke();
  }
  for (const gap of model.gaps) {
    if (gap.to < view.x0 || gap.from > view.x1) continue;
    const y = g.laneToPx(gap.node);
    ctx.fillStyle = theme.background;
    ctx.fillRect(clipX(gap.from), y - 3, clipX(Math.min(gap.to, now)) - clipX(gap.from), 6);
    ctx.strokeStyle = theme.gap;
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(clipX(gap.from), y);
    ctx.lineTo(clipX(Math.min(gap.to, now)), y);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  // One path per message kind (and one for all dots): thousands of arrows in a zoomed-out
  // window cost one stroke each colour, not one stroke each arrow.
  const byColour = new Map<string, DiagramArrow[]>();
  const visible = arrowsIn(model, view.x0, view.x1);
  // Zoomed far out, heads and dots are sub-pixel clutter: draw shafts only.
  const detailed = visible.length <= DETAIL_LIMIT;
  for (const a of visible) {
    if (a.sendT > now) continue;
    const colour = kindColour(a.kind);
    const list = byColour.get(colour);
    if (list) list.push(a);
    else byColour.set(colour, [a]);
  }
  ctx.lineWidth = 1.5;
  for (const [colour, arrows] of byColour) {
    ctx.strokeStyle = colour;
    ctx.beginPath();
    for (const a of arrows) traceArrow(ctx, a, g, now, detailed);
    ctx.stroke();
  }
  if (highlight && highlight.sendT <= now) {
    ctx.strokeStyle = kindColour(highlight.kind);
    ctx.lineWidth = 3;
    ctx.beginPath();
    traceArrow(ctx, highlight, g, now, true);
    ctx.stroke();
  }
  if (!detailed) return;
  const first = lowerBound(model.dots, view.x0, (d) => d.x);
  ctx.fillStyle = theme.text;
  ctx.beginPath();
  for (let i = first; i < model.dots.length; i++) {
    const d = model.dots[i];
    if (!d || d.x > view.x1) break;
    if (d.t > now) continue;
    const x = g.xToPx(d.x);
    const y = g.laneToPx(d.node);
    ctx.moveTo(x + 2.2, y);
    ctx.arc(x, y, 2.2, 0, 2 * Math.PI);
  }
  ctx.fill();
}

/** Adds one arrow to the current path: its shaft, and a head, or a cross where it was dropped. */
function traceArrow(ctx: CanvasRenderingContext2D, a: DiagramArrow, g: Geometry, now: number, detailed: boolean): void {
  const { x, fraction } = arrowEnd(a, now);
  const x1 = g.xToPx(a.sendX);
  const y1 = g.laneToPx(a.from);
  const x2 = g.xToPx(x);
  const y2 = y1 + (g.laneToPx(a.to) - y1) * fraction;
  ctx.moveTo(x1, y1);
  ctx.lineTo(x2, y2);
  if (fraction < 1 || !detailed) return;
  if (a.outcome === 'dropped') {
    ctx.moveTo(x2 - 4, y2 - 4);
    ctx.lineTo(x2 + 4, y2 + 4);
    ctx.moveTo(x2 + 4, y2 - 4);
    ctx.lineTo(x2 - 4, y2 + 4);
  } else arrowHead(ctx, x1, y1, x2, y2);
}

function arrowHead(ctx: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number): void {
  const angle = Math.atan2(y2 - y1, x2 - x1);
  ctx.moveTo(x2, y2);
  ctx.lineTo(x2 - 8 * Math.cos(angle - 0.4), y2 - 8 * Math.sin(angle - 0.4));
  ctx.moveTo(x2, y2);
  ctx.lineTo(x2 - 8 * Math.cos(angle + 0.4), y2 - 8 * Math.sin(angle + 0.4));
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const n2 = (v: number): string => (Math.round(v * 100) / 100).toString();

/** The visible window as a standalone SVG document (for slides). */
export function spaceTimeSvg(
  model: SpaceTimeModel,
  view: Viewport,
  theme: DiagramTheme,
  nameOf: (id: NodeId) => string,
  now: number,
): string {
  const g = geometry(model, view);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${view.width}" height="${view.height}" viewBox="0 0 ${view.width} ${view.height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="${theme.background}"/>`,
  ];
  for (const id of model.lanes) {
    const y = n2(g.laneToPx(id));
    parts.push(`<text x="6" y="${y}" dominant-baseline="middle" fill="${theme.text}">${esc(nameOf(id))}</text>`);
    parts.push(
      `<line x1="${LABEL_WIDTH}" y1="${y}" x2="${n2(g.xToPx(Math.min(now, view.x1)))}" y2="${y}" stroke="${theme.lane}" stroke-width="1.5"/>`,
    );
  }
  for (const a of arrowsIn(model, view.x0, view.x1)) {
    if (a.sendT > now) continue;
    const { x, fraction } = arrowEnd(a, now);
    const y1 = g.laneToPx(a.from);
    const y2 = y1 + (g.laneToPx(a.to) - y1) * fraction;
    const dash = a.outcome === 'dropped' ? ' stroke-dasharray="5 3"' : '';
    parts.push(
      `<line data-kind="${esc(a.kind)}" x1="${n2(g.xToPx(a.sendX))}" y1="${n2(y1)}" x2="${n2(g.xToPx(x))}" y2="${n2(y2)}" stroke="${kindColour(a.kind)}" stroke-width="1.5"${dash}><title>${esc(`${a.kind} ${nameOf(a.from)} → ${nameOf(a.to)}`)}</title></line>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
