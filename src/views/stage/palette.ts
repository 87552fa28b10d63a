// Colours and shapes. Colours come from the Okabe–Ito palette, which stays distinct for the
// common forms of colour blindness; every role also has its own shape and a text label, so
// colour is never the only cue.

import {
  symbol,
  type SymbolType,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTriangle,
  symbolWye,
} from 'd3-shape';
import { algorithms, CRASHED, type NodeRole, type RoleFamily } from '../../core/index.ts';
import { viewsFor } from '../algorithms/registry.ts';
import type { KindLook, KindShape } from '../algorithms/definition.ts';
import { OKABE_ITO } from './okabe-ito.ts';

export { OKABE_ITO };

export type StageFamily = RoleFamily | 'crashed';

let families: Map<string, RoleFamily> | null = null;

/** How the stage draws a role: the family its algorithm's definition gives it ('idle' if none does). */
export function roleFamily(role: NodeRole): StageFamily {
  if (role === CRASHED) return 'crashed';
  families ??= new Map(algorithms.flatMap((a) => Object.entries(a.roles)));
  return families.get(role) ?? 'idle';
}

export const familyShape: Record<StageFamily, SymbolType> = {
  leader: symbolSquare,
  candidate: symbolTriangle,
  member: symbolCircle,
  idle: symbolCircle,
  crashed: symbolCircle,
};

const SYMBOLS: Record<KindShape, SymbolType> = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  diamond: symbolDiamond,
  star: symbolStar,
  wye: symbolWye,
  cross: symbolCross,
};
const SHAPES = Object.keys(SYMBOLS) as KindShape[];
const SPARE = [OKABE_ITO.yellow, OKABE_ITO.purple, OKABE_ITO.green, OKABE_ITO.skyBlue];
const SPARE_SHAPES: readonly KindShape[] = ['wye', 'cross', 'star', 'diamond'];

/** An algorithm's kinds, each given a shape: its own, else the first none of the others took. */
function withShapes(kinds: Readonly<Record<string, KindLook>>): [string, KindLook][] {
  const taken = new Set(Object.values(kinds).flatMap((look) => (look.shape ? [look.shape] : [])));
  return Object.entries(kinds).map(([kind, look]) => {
    if (look.shape) return [kind, look];
    const shape = SHAPES.find((s) => !taken.has(s)) ?? 'circle';
    taken.add(shape);
    return [kind, { ...look, shape }];
  });
}

const hash = (kind: string, h: number): number => {
  for (let i = 0; i < kind.length; i++) h = (h * 31 + kind.charCodeAt(i)) >>> 0;
  return h;
};

/**
 * How one algorithm's message kinds look: each kind as that algorithm's folder draws it, so two
 * algorithms' REQUESTs each keep their own look; a kind it does not list (or any kind, with no
 * algorithm) takes a spare colour and shape picked from its name.
 */
export interface KindLooks {
  colour(kind: string): string;
  /** A one- or two-letter mark drawn on a message so its kind reads without colour. */
  mark(kind: string): string;
  shape(kind: string): KindShape;
  /** d3-shape's symbol for the kind, to draw into a canvas or an SVG path. */
  symbol(kind: string): SymbolType;
  /** SVG path data of the kind's shape about the origin, with the area of a circle of radius r. */
  symbolPath(kind: string, r: number): string;
}

function makeLooks(kinds: Readonly<Record<string, KindLook>>): KindLooks {
  const own = new Map(withShapes(kinds));
  const paths = new Map<string, string>();
  const shape = (kind: string): KindShape => own.get(kind)?.shape ?? (SPARE_SHAPES[hash(kind, 7) % SPARE_SHAPES.length] as KindShape);
  const symbolOf = (kind: string): SymbolType => SYMBOLS[shape(kind)];
  return {
    colour: (kind) => own.get(kind)?.colour ?? (SPARE[hash(kind, 0) % SPARE.length] as string),
    mark: (kind) => own.get(kind)?.mark ?? kind.charAt(0),
    shape,
    symbol: symbolOf,
    symbolPath(kind, r) {
      const key = `${kind}|${r}`;
      let d = paths.get(key);
      if (d === undefined) {
        d = symbol(symbolOf(kind), Math.PI * r * r)() ?? '';
        paths.set(key, d);
      }
      return d;
    },
  };
}

// Built on first use: the algorithms' views import this module's palette themselves.
const looks = new Map<string, KindLooks>();

/** The looks of an algorithm's message kinds (from its folder in src/views/algorithms), one object per algorithm. */
export function looksOf(algorithm: string | null): KindLooks {
  const key = algorithm ?? '';
  let found = looks.get(key);
  if (!found) {
    found = makeLooks(algorithm === null ? {} : viewsFor(algorithm).kinds);
    looks.set(key, found);
  }
  return found;
}
