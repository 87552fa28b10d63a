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
import { allViews } from '../algorithms/registry.ts';
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

/** Message kinds the algorithms send, each with a fixed colour from its own folder; a new kind takes a spare one. */
let kindLooks: Map<string, KindLook> | null = null;
function lookOf(kind: string): KindLook | undefined {
  // Built on first use: the algorithms' views import this module's palette themselves.
  kindLooks ??= new Map(allViews().flatMap((v) => withShapes(v.kinds)));
  return kindLooks.get(kind);
}
const SPARE = [OKABE_ITO.yellow, OKABE_ITO.purple, OKABE_ITO.green, OKABE_ITO.skyBlue];

export function kindColour(kind: string): string {
  const known = lookOf(kind)?.colour;
  if (known) return known;
  let h = 0;
  for (let i = 0; i < kind.length; i++) h = (h * 31 + kind.charCodeAt(i)) >>> 0;
  return SPARE[h % SPARE.length] as string;
}

/** A one- or two-letter mark drawn on a message so its kind reads without colour. */
export function kindMark(kind: string): string {
  return lookOf(kind)?.mark ?? kind.charAt(0);
}

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

/** The shape a message kind is drawn with (its algorithm's choice, else one picked from its name). */
export function kindShape(kind: string): KindShape {
  const known = lookOf(kind)?.shape;
  if (known) return known;
  let h = 7;
  for (let i = 0; i < kind.length; i++) h = (h * 31 + kind.charCodeAt(i)) >>> 0;
  return SPARE_SHAPES[h % SPARE_SHAPES.length] as KindShape;
}

/** d3-shape's symbol for a message kind, to draw into a canvas or an SVG path. */
export const kindSymbol = (kind: string): SymbolType => SYMBOLS[kindShape(kind)];

const symbolPaths = new Map<string, string>();

/** SVG path data of a kind's shape about the origin, with the area of a circle of radius r. */
export function kindSymbolPath(kind: string, r: number): string {
  const key = `${kind}|${r}`;
  let d = symbolPaths.get(key);
  if (d === undefined) {
    d = symbol(kindSymbol(kind), Math.PI * r * r)() ?? '';
    symbolPaths.set(key, d);
  }
  return d;
}
