// Logical clocks on the page (issue 11): which to show (off, Lamport, vector: a choice of the
// view, in the URL as `logical=`), and what each node, message and log line then says, read
// from the run index's fold (core/derive/logical-clocks.ts) at the moment shown. The labels
// are strings, so a glyph re-renders only when its clock changes.

import { create } from 'zustand';
import { formatLamport, formatVector, type LogicalClocks, type NodeId } from '../core/index.ts';
import type { LabState } from './slices.ts';

export const LOGICAL_MODES = ['off', 'lamport', 'vector'] as const;
export type LogicalMode = (typeof LOGICAL_MODES)[number];

export const isLogicalMode = (value: string): value is LogicalMode => (LOGICAL_MODES as readonly string[]).includes(value);

interface LogicalState {
  mode: LogicalMode;
  setMode(mode: LogicalMode): void;
}

export const useLogical = create<LogicalState>((set) => ({
  mode: 'off',
  setMode(mode) {
    set({ mode });
  },
}));

/** The event at a trace index, as the mode writes it ("L=4", "V=[1,0,2]"), or null. */
export function logicalLabel(clocks: LogicalClocks, index: number, mode: LogicalMode): string | null {
  if (mode === 'off' || index < 0) return null;
  if (mode === 'lamport') {
    const l = clocks.lamportAt(index);
    return l === null ? null : formatLamport(l);
  }
  const v = clocks.vectorAt(index);
  return v === null ? null : formatVector(v);
}

/** How many events the page shows: all folded, or those before the moment scrubbed to. */
const shownEnd = (s: LabState): number => s.cursor?.index ?? s.traceVersion;

/** A node's clock at the moment shown, or null when the mode is off. */
export const selectNodeLogical =
  (id: NodeId, mode: LogicalMode) =>
  (s: LabState): string | null => {
    const clocks = s.index?.logical;
    if (!clocks || mode === 'off') return null;
    const end = shownEnd(s);
    return mode === 'lamport' ? formatLamport(clocks.lamportOf(id, end)) : formatVector(clocks.vectorOf(id, end));
  };

/** The timestamp a message carries (its send's), by the send's seq. */
export const selectSendLogical =
  (seq: number | undefined, mode: LogicalMode) =>
  (s: LabState): string | null => {
    const clocks = s.index?.logical;
    if (!clocks || seq === undefined) return null;
    return logicalLabel(clocks, clocks.indexOfSeq(seq), mode);
  };

/** How many digits the largest entry of any node's clock has at the moment shown (1 when off): presenter mode sizes its labels by it. */
export const selectLogicalDigits =
  (order: readonly NodeId[], mode: LogicalMode) =>
  (s: LabState): number => {
    const clocks = s.index?.logical;
    if (!clocks || mode === 'off') return 1;
    const end = shownEnd(s);
    let most = 0;
    for (const id of order) {
      if (mode === 'lamport') most = Math.max(most, clocks.lamportOf(id, end));
      else for (const x of clocks.vectorOf(id, end)) most = Math.max(most, x);
    }
    return String(most).length;
  };
