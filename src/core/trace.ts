// The trace: one append-only list of typed events, each with a sequence number, the true
// time and (for events at a node) that node's local clock. Everything the page draws and
// every checker reads comes from here. Exported as versioned JSON.

import type { ClockInit } from './clock.ts';
import type { ClockMode, JsonValue, Message, Role } from './machine.ts';
import type { Fate } from './network.ts';
import type { UserAction } from './scenario.ts';
import type { LocalTime, NodeId, TrueTime } from './time.ts';

export const TRACE_VERSION = 1;

interface At {
  seq: number;
  t: TrueTime;
}

interface AtNode extends At {
  node: NodeId;
  local: LocalTime;
}

export type DropReason = Exclude<Fate, 'ok'> | 'crashed';

export type TraceEvent =
  /** A node exists: emitted for every node at t=0 with its initial clock. */
  | (AtNode & { type: 'node'; name: string; clock: ClockInit; slewRate: number })
  | (AtNode & { type: 'boot'; incarnation: number; recovered: boolean })
  | (AtNode & { type: 'send'; msgId: number; to: NodeId; kind: string; msg: Message; arrive: TrueTime })
  /** The link delivered a second copy of msgId at `arrive`. */
  | (At & { type: 'duplicate'; node: NodeId; msgId: number; arrive: TrueTime })
  | (AtNode & { type: 'deliver'; msgId: number; from: NodeId; kind: string })
  | (At & { type: 'drop'; node: NodeId; msgId: number; from: NodeId; kind: string; reason: DropReason })
  | (AtNode & { type: 'timer'; key: string })
  | (AtNode & { type: 'adjust'; mode: ClockMode; deltaMs: number; before: LocalTime })
  | (AtNode & { type: 'role'; role: Role; leader: NodeId | null })
  | (AtNode & { type: 'note'; topic: string; text: string; data: { [key: string]: JsonValue } | null })
  | (AtNode & { type: 'crash' })
  | (At & { type: 'action'; action: UserAction })
  /** The host could not run the node (a worker threw or stopped answering). */
  | (At & { type: 'fault'; node: NodeId; error: string });

export type TraceEventType = TraceEvent['type'];

/** Where the simulation writes events. An array by default; benchmarks and long runs use bounded sinks. */
export interface TraceSink {
  push(event: TraceEvent): void;
}

export class ArraySink implements TraceSink {
  readonly events: TraceEvent[] = [];
  push(event: TraceEvent): void {
    this.events.push(event);
  }
}

/** Counts events and keeps none: for benchmarks. */
export class CountingSink implements TraceSink {
  count = 0;
  push(): void {
    this.count++;
  }
}

export interface TraceFile {
  format: 'dslab-trace';
  version: typeof TRACE_VERSION;
  scenario: string;
  seed: number;
  events: TraceEvent[];
}

/** One event per line, stable key order (the order the simulator built them in). */
export const toJsonLines = (events: readonly TraceEvent[]): string => events.map((e) => JSON.stringify(e)).join('\n');
