// The trace as a versioned JSON file: export, and import with validation. An imported file
// is outside input: it is checked against one schema, with size and range caps, and a bad
// one gets one clear message and changes nothing.

import * as v from 'valibot';
import { TRACE_VERSION, type TraceEvent, type TraceFile } from './trace.ts';

/** Larger traces are refused rather than risk the page's memory. */
export const MAX_TRACE_EVENTS = 2_000_000;
export const MAX_TRACE_BYTES = 512 * 1024 * 1024;

const finite = v.pipe(v.number(), v.finite());
const id = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
const at = { seq: v.pipe(v.number(), v.integer(), v.minValue(0)), t: v.pipe(finite, v.minValue(0)) };
const atNode = { ...at, node: id, local: finite };
const text = v.pipe(v.string(), v.maxLength(10_000));
const json = v.unknown();

const eventSchema = v.variant('type', [
  v.object({ ...atNode, type: v.literal('node'), name: text, clock: v.object({ offsetMs: finite, driftPpm: finite }), slewRate: finite }),
  v.object({ ...atNode, type: v.literal('boot'), incarnation: id, recovered: v.boolean() }),
  v.object({ ...atNode, type: v.literal('send'), msgId: id, to: id, kind: text, msg: v.looseObject({ kind: text }), arrive: finite }),
  v.object({ ...at, type: v.literal('duplicate'), node: id, msgId: id, arrive: finite }),
  v.object({ ...atNode, type: v.literal('deliver'), msgId: id, from: id, kind: text }),
  v.object({
    ...at,
    type: v.literal('drop'),
    node: id,
    msgId: id,
    from: id,
    kind: text,
    reason: v.picklist(['loss', 'partition', 'cut', 'crashed']),
  }),
  v.object({ ...atNode, type: v.literal('timer'), key: text }),
  v.object({ ...atNode, type: v.literal('adjust'), mode: v.picklist(['step', 'slew']), deltaMs: finite, before: finite }),
  v.object({ ...atNode, type: v.literal('role'), role: text, leader: v.nullable(id) }),
  v.object({ ...atNode, type: v.literal('note'), topic: text, text, data: v.nullable(v.record(v.string(), json)) }),
  v.object({ ...atNode, type: v.literal('crash') }),
  v.object({ ...at, type: v.literal('action'), action: v.looseObject({ type: text, at: finite }) }),
  v.object({ ...at, type: v.literal('fault'), node: id, error: text }),
]);

const fileSchema = v.object({
  format: v.literal('dslab-trace'),
  version: v.literal(TRACE_VERSION),
  scenario: v.pipe(v.string(), v.maxLength(200)),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)),
  events: v.pipe(v.array(eventSchema), v.maxLength(MAX_TRACE_EVENTS)),
});

export function exportTrace(scenario: string, seed: number, events: readonly TraceEvent[]): string {
  const file: TraceFile = { format: 'dslab-trace', version: TRACE_VERSION, scenario, seed, events: [...events] };
  return JSON.stringify(file);
}

export type ImportResult = { ok: true; file: TraceFile } | { ok: false; error: string };

export function importTrace(text: string): ImportResult {
  if (text.length > MAX_TRACE_BYTES) return { ok: false, error: `the file is larger than ${MAX_TRACE_BYTES / 1024 / 1024} MB` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `the file is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = v.safeParse(fileSchema, raw);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    return { ok: false, error: `not a dslab trace: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}` };
  }
  // Keep the events as written (the schema's output reorders keys): they have passed it.
  const events = (raw as { events: TraceEvent[] }).events;
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1] as TraceEvent;
    const b = events[i] as TraceEvent;
    if (b.seq <= a.seq || b.t < a.t) return { ok: false, error: `not a dslab trace: events ${i - 1} and ${i} are out of order` };
  }
  return { ok: true, file: { ...result.output, events } };
}
