// Where things go on the stage: nodes on an ellipse (in id order, which is also the ring's
// order), sized so neighbours never overlap, with the reference clock in the middle. The
// stage is an SVG with a fixed viewBox, so everything scales with the space it gets.

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
}

export function stageLayout(order: readonly NodeId[]): StageLayout {
  const n = order.length;
  // Two nodes face each other across the stage; more start at the top and go clockwise.
  const start = n === 2 ? Math.PI : -Math.PI / 2;
  const positions = new Map<NodeId, Point>();
  order.forEach((id, i) => {
    const angle = start + (2 * Math.PI * i) / Math.max(1, n);
    positions.set(id, { x: CENTRE_X + RADIUS_X * Math.cos(angle), y: CENTRE_Y + RADIUS_Y * Math.sin(angle) });
  });
  const perimeter = Math.PI * (RADIUS_X + RADIUS_Y);
  const radius = Math.max(9, Math.min(50, perimeter / Math.max(1, n) / 4.4));
  const textScale = n <= 3 ? 1.5 : n <= 5 ? 1.3 : 1;
  return { positions, radius, detailed: n <= 10, textScale, centre: { x: CENTRE_X, y: CENTRE_Y } };
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
