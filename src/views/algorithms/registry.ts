/// <reference types="vite/client" />
// The page's side of the algorithm registry. The one list of algorithms is the core's
// (src/core/algorithms/registry.ts); each algorithm's panels sit in ./<id>/index.tsx and are
// found here by their folder, so adding one touches no file outside its folders.

import type { AnyAlgorithmViews } from './definition.ts';
import { fallbackViews } from './shared/fallback.tsx';

const modules = import.meta.glob<{ views: AnyAlgorithmViews }>('./*/index.tsx', { eager: true });

const byId = new Map<string, AnyAlgorithmViews>(Object.values(modules).map((m) => [m.views.id, m.views]));

/** The panels of an algorithm; a plain one when its folder has none. */
export function viewsFor(id: string): AnyAlgorithmViews {
  return byId.get(id) ?? fallbackViews;
}
