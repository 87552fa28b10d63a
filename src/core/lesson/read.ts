// Small readers lessons share: events of one kind after a point, note data, numbers in the
// lab's units (seconds with three decimals, ms with one), lists of names.

import type { JsonValue } from '../machine.ts';
import type { NodeId } from '../time.ts';
import type { TraceEvent } from '../trace.ts';

export type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

export const isType =
  <T extends TraceEvent['type']>(type: T) =>
  (e: TraceEvent): e is Of<T> =>
    e.type === type;

/** Events from index `from` on (inclusive) that pass `test`. */
export function after<T extends TraceEvent>(events: readonly TraceEvent[], from: number, test: (e: TraceEvent) => e is T): T[] {
  const out: T[] = [];
  for (let i = Math.max(0, from); i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (test(e)) out.push(e);
  }
  return out;
}

/** The first index at or after `from` whose event passes `test`, or -1. */
export function indexAfter(events: readonly TraceEvent[], from: number, test: (e: TraceEvent) => boolean): number {
  for (let i = Math.max(0, from); i < events.length; i++) if (test(events[i] as TraceEvent)) return i;
  return -1;
}

export const isNote =
  (topic: string, node?: NodeId) =>
  (e: TraceEvent): e is Of<'note'> =>
    e.type === 'note' && e.topic === topic && (node === undefined || e.node === node);

export const isSend =
  (kind: string, node?: NodeId) =>
  (e: TraceEvent): e is Of<'send'> =>
    e.type === 'send' && e.kind === kind && (node === undefined || e.node === node);

export const isDeliver =
  (kind: string, node?: NodeId) =>
  (e: TraceEvent): e is Of<'deliver'> =>
    e.type === 'deliver' && e.kind === kind && (node === undefined || e.node === node);

/** The user action, if `e` is one of the given verb (the run's own scheduled ones included). */
export function actionOf(e: TraceEvent): Of<'action'>['action'] | null {
  return e.type === 'action' ? e.action : null;
}

export const field = (data: { [key: string]: JsonValue } | null, key: string): JsonValue | undefined => data?.[key];

/** 1204.5 → "1.205" (seconds, three decimals, no unit). */
export const sec = (ms: number): string => (ms / 1000).toFixed(3);
/** 12.34 → "12.3" (ms, one decimal, no unit). */
export const ms1 = (ms: number): string => (Math.round(ms * 10) / 10).toFixed(1);
/** Signed ms with one decimal and unit: "+12.3 ms", "−4.0 ms". */
export const signed = (ms: number): string => `${ms < 0 ? '−' : '+'}${ms1(Math.abs(ms))} ms`;

/** "P6, P7 and P8" */
export function listNames(ids: readonly NodeId[], nameOf: (id: NodeId) => string): string {
  const names = ids.map(nameOf);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "P6–P10" for a run of consecutive ids named P<n>, else the list. */
export function rangeOrList(ids: readonly NodeId[], nameOf: (id: NodeId) => string): string {
  const sorted = [...ids].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const consecutive = sorted.every((id, i) => i === 0 || id === (sorted[i - 1] as number) + 1);
  if (first !== undefined && last !== undefined && sorted.length > 2 && consecutive) return `${nameOf(first)}–${nameOf(last)}`;
  return listNames(sorted, nameOf);
}

/** Message counts by kind among sends in [from, to). */
export function countSends(events: readonly TraceEvent[], from: number, to: number, kinds: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(kinds.map((k) => [k, 0]));
  for (let i = Math.max(0, from); i < Math.min(to, events.length); i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'send' && e.kind in counts) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  }
  return counts;
}

/** A numeric field of a sent message (NaN when absent): messages are typed inside each algorithm's folder. */
export const msgNum = (msg: unknown, key: string): number => {
  const v = (msg as Record<string, unknown> | null)?.[key];
  return typeof v === 'number' ? v : NaN;
};

/** A list-of-ids field of a sent message (empty when absent). */
export const msgIds = (msg: unknown, key: string): number[] => {
  const v = (msg as Record<string, unknown> | null)?.[key];
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
};
