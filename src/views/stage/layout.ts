// Where things go on the stage: nodes on an ellipse (in id order, which is also the ring's
// order), sized so neighbours never overlap, with the reference clock in the middle. The
// stage is an SVG with a fixed viewBox, so everything scales with the space it gets; in
// presenter mode the viewBox is the stage's own size in CSS pixels instead, so a font size
// is what the room sees (and browser zoom makes it bigger), and the ellipse fits around text
// of a fixed pixel size.

import type { NodeId } from '../../core/index.ts';

export const STAGE_WIDTH = 1200;
export const STAGE_HEIGHT = 1000;
const CENTRE_X = STAGE_WIDTH / 2;
const CENTRE_Y = 470;
const RADIUS_X = 440;
const RADIUS_Y = 360;

export interface Point {
  x: number;
  y: number;
}

export interface StageLayout {
  positions: ReadonlyMap<NodeId, Point>;
  /** Glyph radius in viewBox units. */
  radius: number;
  /** Whether there is room for clock faces and the text under each node. */
  detailed: boolean;
  /** Text under a node is drawn larger when there are few nodes (legible from the back of a hall). */
  textScale: number;
  centre: Point;
  /** The viewBox's size: STAGE_WIDTH × STAGE_HEIGHT, or the stage's CSS pixels in presenter mode. */
  width: number;
  height: number;
  /** Presenter mode: one unit is one CSS pixel and text has fixed pixel sizes (PRESENTER_TEXT). */
  presenter: boolean;
  /** Presenter mode with short names (P1…P10): each name is written inside its glyph, leaving the space around for its role. */
  nameInside: boolean;
  /** How far a node's text reaches above and below its centre: the clear stretch of a link lies between. */
  above: number;
  below: number;
  /** Presenter mode: the lines drawn under each node: 3 (role, clock, offset), 1 (role) or 0. */
  linesBelow?: number;
  /** Where the true-time clock goes when not in the centre: presenter mode keeps the middle for messages and their labels. */
  clockAt?: Point;
}

/** Presenter mode's text sizes and line spacing in CSS px (presenter.css sets the same sizes). */
export const PRESENTER_TEXT = { name: 30, inside: 24, line: 28, gap: 10 } as const;

/**
 * How far a glyph of radius 1 reaches, whatever its role's shape (NodeGlyph: a circle of
 * radius r, a square of area 3.3 r², a triangle of area 2.6 r², which reaches 1.22 r to each
 * side and 1.41 r up), with its selection ring's width to spare on the sides.
 */
export const GLYPH_REACH = { side: 1.25, up: 1.45, down: 1.05 } as const;

/** How wide presenter mode's text is, measured by the page: the longest name inside a glyph (24 px bold) and above it (30 px), and the widest line under a node (24 px). */
export interface TextWidths {
  name: number;
  nameAbove: number;
  line: number;
}

function ellipse(order: readonly NodeId[], centre: Point, rx: number, ry: number): Map<NodeId, Point> {
  const n = order.length;
  // Two nodes face each other across the stage; more start at the top and go clockwise.
  const start = n === 2 ? Math.PI : -Math.PI / 2;
  const positions = new Map<NodeId, Point>();
  order.forEach((id, i) => {
    const angle = start + (2 * Math.PI * i) / Math.max(1, n);
    positions.set(id, { x: centre.x + rx * Math.cos(angle), y: centre.y + ry * Math.sin(angle) });
  });
  return positions;
}

/** A box on the stage: left, top, right, bottom. */
type Box = [number, number, number, number];
const overlap = (a: Box, b: Box): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Whether, with these positions, each node's lines of text below it stay clear of every other node's glyph, name and lines. */
function textFits(points: readonly Point[], radius: number, nameAbove: number, lines: number, textWidth: number): boolean {
  if (lines === 0) return true;
  const { line, gap } = PRESENTER_TEXT;
  const glyph = (p: Point): Box => [p.x - radius, p.y - radius - nameAbove, p.x + radius, p.y + radius];
  const text = (p: Point): Box => [p.x - textWidth / 2, p.y + radius + 2, p.x + textWidth / 2, p.y + radius + gap + lines * line];
  for (let i = 0; i < points.length; i++)
    for (let j = 0; j < points.length; j++) {
      if (i === j) continue;
      const a = text(points[i] as Point);
      if (overlap(a, glyph(points[j] as Point)) || (i < j && overlap(a, text(points[j] as Point)))) return false;
    }
  return true;
}

/**
 * Presenter mode's layout for a stage of `width` × `height` CSS px with up to `linesBelow`
 * lines of text under each node (role, and clock and offset when clocks matter): the ellipse
 * leaves room for the name above the top node, the lines under the bottom one and the text
 * beside the side ones, and the glyphs are as large as the spacing allows. Text is never
 * shrunk to fit: when the lines would run into the neighbours (a small stage, or browser zoom),
 * fewer are drawn (the role is still the glyph's shape and colour, and its aria-label).
 */
export function presenterLayout(
  order: readonly NodeId[],
  width: number,
  height: number,
  linesBelow: number,
  widths: TextWidths,
): StageLayout {
  const n = Math.max(1, order.length);
  const detailed = n <= 12;
  const { name, line, gap } = PRESENTER_TEXT;
  const textWidth = widths.line;
  // A short name (P1…P10) goes inside its glyph, with a little room to spare.
  const fitsInside = (radius: number): boolean => widths.name + 8 <= radius * 2;
  const place = (lines: number) => {
    // The margins the text needs around a glyph of this radius, and the ellipse they leave.
    const around = (radius: number) => {
      const nameInside = fitsInside(radius);
      const nameAbove = detailed && !nameInside ? gap + name : 0;
      // The name above, or the tip of a triangle (a process in its critical section, a candidate).
      const top = Math.max(GLYPH_REACH.up * radius, radius + nameAbove) + 4;
      const bottom = radius + (lines > 0 ? lines * line + gap : 0) + 4;
      const nameHalf = nameInside ? 0 : widths.nameAbove / 2;
      const side = Math.max(radius, nameHalf, lines > 0 ? Math.min(textWidth / 2, width / 4) : 0) + 8;
      const rx = Math.max(20, width / 2 - side);
      const ry = Math.max(20, (height - top - bottom) / 2);
      return { nameInside, nameAbove, top, rx, ry };
    };
    // A few passes: the margins depend on the glyph size, which depends on the ellipse. Up to
    // 40 px with room to spare, and 30 px (a size in CSS px, so zooming in makes it bigger)
    // unless neighbours would touch.
    let radius = 30;
    for (let pass = 0; pass < 3; pass++) {
      const { rx, ry } = around(radius);
      const spacing = (Math.PI * (rx + ry)) / n;
      radius = Math.max(Math.min(30, spacing / 2.4), Math.min(40, spacing / 5));
    }
    const { nameInside, nameAbove, top, rx, ry } = around(radius);
    const centre = { x: width / 2, y: top + ry };
    const positions = ellipse(order, centre, rx, ry);
    const fits = textFits([...positions.values()], radius, nameAbove, lines, textWidth);
    return { positions, radius, centre, nameInside, nameAbove, fits };
  };
  const tries = detailed ? [...new Set([linesBelow, 1, 0])].filter((l) => l <= linesBelow) : [0];
  let lines = tries[tries.length - 1] ?? 0;
  let placed = place(lines);
  for (const l of tries) {
    const p = place(l);
    if (p.fits) {
      lines = l;
      placed = p;
      break;
    }
  }
  const { positions, radius, centre, nameInside, nameAbove } = placed;
  return {
    positions,
    radius,
    detailed,
    textScale: 1,
    centre,
    width,
    height,
    presenter: true,
    nameInside,
    linesBelow: lines,
    above: radius + nameAbove,
    below: radius + (lines > 0 ? lines * line + 4 : 0),
    // Top left, outside the ellipse: links through the middle carry labels there.
    clockAt: { x: 90, y: 34 },
  };
}

export function stageLayout(order: readonly NodeId[]): StageLayout {
  const n = order.length;
  const centre = { x: CENTRE_X, y: CENTRE_Y };
  const positions = ellipse(order, centre, RADIUS_X, RADIUS_Y);
  const perimeter = Math.PI * (RADIUS_X + RADIUS_Y);
  const radius = Math.max(9, Math.min(50, perimeter / Math.max(1, n) / 4.4));
  const textScale = n <= 3 ? 1.5 : n <= 5 ? 1.3 : 1;
  return {
    positions,
    radius,
    detailed: n <= 10,
    textScale,
    centre,
    width: STAGE_WIDTH,
    height: STAGE_HEIGHT,
    presenter: false,
    nameInside: false,
    // The name above (30k), role, clock and offset lines below (NodeGlyph).
    above: radius + (n <= 10 ? 12 + 30 * textScale : 0),
    below: radius + (n <= 10 ? 88 * textScale : 0),
  };
}

/** The stretch of the straight link from a to b that lies outside both glyphs, shifted sideways so the two directions do not overlap. */
export function linkEnds(a: Point, b: Point, inset: number, side: number): [Point, Point] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const sx = -uy * side;
  const sy = ux * side;
  const cut = Math.min(inset, len / 2 - 1);
  return [
    { x: a.x + ux * cut + sx, y: a.y + uy * cut + sy },
    { x: b.x - ux * cut + sx, y: b.y - uy * cut + sy },
  ];
}
