import { describe, expect, it } from 'vitest';
import { algorithms } from '../../core/index.ts';
import { kindColour, kindMark, kindShape } from '../stage/palette.ts';
import { viewsFor } from './registry.ts';
import { fallbackViews } from './shared/fallback.tsx';

describe("the page's algorithm views", () => {
  it('every registered algorithm has its own panels, found by its folder', () => {
    for (const a of algorithms) {
      const views = viewsFor(a.id);
      expect(views).not.toBe(fallbackViews);
      expect(views.id).toBe(a.id);
    }
  });

  it("an algorithm's message kinds differ in shape and in letter as well as in colour", () => {
    for (const a of algorithms) {
      const kinds = a.messageKinds;
      expect(new Set(kinds.map(kindShape)).size, `${a.id}: ${kinds.map(kindShape).join(' ')}`).toBe(kinds.length);
      expect(new Set(kinds.map(kindMark)).size, `${a.id}: ${kinds.map(kindMark).join(' ')}`).toBe(kinds.length);
      expect(new Set(kinds.map(kindColour)).size, `${a.id}: ${kinds.map(kindColour).join(' ')}`).toBeGreaterThan(1);
    }
  });
});
