import { describe, expect, it } from 'vitest';
import { presenterLayout } from './layout.ts';
import { type Box, labelShape, nodeBoxes, placeLabels } from './logical-layout.ts';

const touch = (a: Box, b: Box): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const ids = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const WIDTHS = { name: 40, nameAbove: 50, line: 205 };

describe("presenter mode's logical clock labels", () => {
  it('are as wide as their widest rows: a 10-node vector in two rows of five, Lamport in one, an own entry', () => {
    expect(labelShape('vector', 10, 2)).toEqual({ rows: 2, chars: 18 });
    expect(labelShape('vector', 3, 1)).toEqual({ rows: 1, chars: 9 });
    expect(labelShape('lamport', 10, 3)).toEqual({ rows: 1, chars: 5 });
    expect(labelShape('own', 10, 2)).toEqual({ rows: 1, chars: 6 });
  });

  it('ten nodes at 1920×1080 (a 1365 × 690 stage): every vector placed, none touching another or any node', () => {
    for (const [w, h] of [
      [1365, 690],
      [1365, 760],
      [1600, 800],
    ] as const) {
      const layout = presenterLayout(ids(10), w, h, 1, WIDTHS);
      const { rows, chars } = labelShape('vector', 10, 2);
      const size = { w: chars * 15.65 + 4, h: ((rows - 1) * 1.1 + 1.25) * 26 + 4 };
      const obstacles = nodeBoxes(layout, WIDTHS.line);
      const places = placeLabels(layout, size.w, size.h, obstacles);
      expect(places?.size, `${w}×${h}`).toBe(10);
      const boxes: Box[] = [...(places ?? [])].map(([id, p]) => {
        const at = layout.positions.get(id) ?? { x: 0, y: 0 };
        const left = at.x + (p.anchor === 'start' ? p.x - 2 : p.anchor === 'end' ? p.x + 2 - size.w : p.x - size.w / 2);
        return [left, at.y + p.y - size.h / 2, left + size.w, at.y + p.y + size.h / 2];
      });
      for (const [i, b] of boxes.entries()) {
        expect(b[0] >= 0 && b[1] >= 0 && b[2] <= w && b[3] <= h, `${w}×${h}: label ${i + 1} on the stage`).toBe(true);
        for (const o of obstacles) expect(touch(b, o), `${w}×${h}: label ${i + 1} over a node`).toBe(false);
        for (const other of boxes.slice(i + 1)) expect(touch(b, other), `${w}×${h}: label ${i + 1} over another`).toBe(false);
      }
    }
  });

  it('gives up (the page then shows own entries) where the stage has no room for every whole vector', () => {
    const layout = presenterLayout(ids(10), 700, 400, 1, WIDTHS);
    expect(placeLabels(layout, 290, 65, nodeBoxes(layout, WIDTHS.line))).toBeNull();
  });
});
