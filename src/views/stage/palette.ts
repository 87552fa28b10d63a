// Colours and shapes. Colours come from the Okabe–Ito palette, which stays distinct for the
// common forms of colour blindness; every role also has its own shape and a text label, so
// colour is never the only cue.

import { type SymbolType, symbolCircle, symbolSquare, symbolTriangle } from 'd3-shape';
import { algorithms, CRASHED, type NodeRole, type RoleFamily } from '../../core/index.ts';
import { allViews } from '../algorithms/registry.ts';
import type { KindLook } from '../algorithms/definition.ts';
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
  kindLooks ??= new Map(allViews().flatMap((v) => Object.entries(v.kinds)));
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
