import { describe, expect, it } from 'vitest';
import { arrowAt } from './Links.tsx';
import { GLYPH_REACH, presenterLayout, stageLayout } from './layout.ts';

const ten = Array.from({ length: 10 }, (_, i) => i + 1);
// As Chromium measures them at 24 px bold (names above at 30 px): "P10" and "candidate of P10"; "Testing lab" and "−1,000 ms".
const BULLY = { name: 51, nameAbove: 64, line: 229 };
const CANTEEN = { name: 148, nameAbove: 185, line: 140 };

describe('presenter layout', () => {
  it('keeps every node, its name and its role line on a 1280×720 stage, glyphs at least 30 px', () => {
    const width = 800;
    const height = 610;
    const layout = presenterLayout(ten, width, height, 1, BULLY);
    expect(layout.linesBelow).toBe(1);
    expect(layout.nameInside).toBe(true);
    expect(layout.radius).toBeGreaterThanOrEqual(30);
    for (const p of layout.positions.values()) {
      expect(p.y - layout.above).toBeGreaterThanOrEqual(0);
      expect(p.y + layout.below).toBeLessThanOrEqual(height);
      expect(p.x - layout.radius).toBeGreaterThanOrEqual(0);
      expect(p.x + layout.radius).toBeLessThanOrEqual(width);
    }
  });

  it('leaves the top node room for a triangle’s tip (a process in its critical section), name inside or above', () => {
    // Token ring's five nodes at 1280×720 and at full HD, and ten with names above.
    for (const [order, width, height, widths] of [
      [[1, 2, 3, 4, 5], 800, 610, BULLY],
      [[1, 2, 3, 4, 5], 1100, 900, BULLY],
      [ten, 800, 610, CANTEEN],
    ] as const) {
      const layout = presenterLayout(order, width, height, 1, widths);
      const top = Math.min(...[...layout.positions.values()].map((p) => p.y));
      expect(top - GLYPH_REACH.up * layout.radius).toBeGreaterThanOrEqual(0);
      expect(top - layout.above).toBeGreaterThanOrEqual(0);
    }
  });

  it('on a stage too small for the lines (browser zoom), drops them rather than shrinking text or glyphs', () => {
    const roomy = presenterLayout(ten, 800, 610, 1, BULLY);
    const zoomed = presenterLayout(ten, 800 / 1.5, 610 / 1.5, 1, BULLY);
    expect(zoomed.linesBelow).toBe(0);
    // Sizes are CSS px: at 150% the glyph is bigger on screen than at 100%.
    expect(zoomed.radius * 1.5).toBeGreaterThan(roomy.radius);
  });

  it('draws clocks on a few nodes with long names, names above the glyphs', () => {
    const layout = presenterLayout([1, 2, 3, 4, 5], 800, 610, 3, CANTEEN);
    expect(layout.linesBelow).toBe(3);
    expect(layout.nameInside).toBe(false);
  });

  it('the ordinary layout keeps the fixed viewBox', () => {
    const layout = stageLayout(ten);
    expect([layout.width, layout.height, layout.presenter]).toEqual([1200, 1000, false]);
  });
});

describe('ring arrowheads', () => {
  it('puts an arrowhead between the upper node’s text and the lower node’s name, within the middle half', () => {
    const layout = { above: 40, below: 100 };
    expect(arrowAt({ x: 0, y: 0 }, { x: 100, y: 0 }, layout)).toBe(0.5);
    const down = arrowAt({ x: 0, y: 0 }, { x: 50, y: 300 }, layout);
    expect(down).toBeCloseTo((100 + 260) / 2 / 300);
    expect(arrowAt({ x: 50, y: 300 }, { x: 0, y: 0 }, layout)).toBeCloseTo(1 - down);
    expect(arrowAt({ x: 0, y: 0 }, { x: 10, y: 60 }, layout)).toBe(0.75);
  });
});
