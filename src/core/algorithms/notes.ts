// Reading a note's JSON data back with its types: a field that is missing or of the wrong
// type reads as NaN (numbers) or an empty list, never as a thrown error, since notes can
// come from an imported trace.

import type { JsonValue } from '../machine.ts';

export type NoteData = { readonly [key: string]: JsonValue };

export const num = (v: JsonValue | undefined): number => (typeof v === 'number' ? v : NaN);
export const numList = (v: JsonValue | undefined): number[] =>
  Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
export const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
export const objects = (v: JsonValue | undefined): NoteData[] =>
  Array.isArray(v) ? v.map((o) => (o !== null && typeof o === 'object' && !Array.isArray(o) ? o : {})) : [];
