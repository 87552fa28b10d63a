import { describe, expect, it } from 'vitest';
import { algorithms } from '../../core/index.ts';
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
});
