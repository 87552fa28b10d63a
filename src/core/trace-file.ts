// The trace as a versioned JSON file: export (whole, or in chunks for a file too large for
// one string), and import with validation. An imported file is outside input: it is read as
// a stream, each event checked against its type's schema (trace-schema.ts) as soon as it is
// complete, with caps on size, depth and count, and a bad one gets one clear message. The
// scenario-dependent checks (node ids, message kinds, roles) read a small summary, so they
// cost nothing however long the file is. Nothing here touches a running simulation.

import * as v from 'valibot';
import { algorithmFor } from './algorithms/registry.ts';
import { MAX_EVENT_CHARS, MAX_JSON_DEPTH, MAX_SEED, MAX_TRACE_BYTES, MAX_TRACE_EVENTS } from './limits.ts';
import type { Scenario } from './scenario.ts';
import { checkTraceEvent, shown } from './trace-schema.ts';
import { TRACE_VERSION, type TraceEvent, type TraceFile } from './trace.ts';
import type { NodeId } from './time.ts';

export { MAX_TRACE_BYTES, MAX_TRACE_EVENTS } from './limits.ts';

const megabytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Events per chunk when a trace file is written piecewise. */
const CHUNK_EVENTS = 2000;

/** The trace file's text in pieces that join to exactly what exportTrace returns. */
export function* traceFileChunks(scenario: string, seed: number, events: readonly TraceEvent[]): Generator<string> {
  function* batches(): Generator<readonly TraceEvent[]> {
    for (let i = 0; i < events.length; i += CHUNK_EVENTS) yield events.slice(i, i + CHUNK_EVENTS);
  }
  yield* traceFileParts(scenario, seed, batches());
}

/**
 * The same text from the events in batches, one piece per batch: a run too long to hold
 * whole is written as it is re-simulated (hosts/whole-trace.ts).
 */
export function* traceFileParts(scenario: string, seed: number, batches: Iterable<readonly TraceEvent[]>): Generator<string> {
  yield `${JSON.stringify({ format: 'dslab-trace', version: TRACE_VERSION, scenario, seed }).slice(0, -1)},"events":[`;
  let first = true;
  for (const batch of batches) {
    if (batch.length === 0) continue;
    yield `${first ? '' : ','}${batch.map((e) => JSON.stringify(e)).join(',')}`;
    first = false;
  }
  yield ']}';
}

export function exportTrace(scenario: string, seed: number, events: readonly TraceEvent[]): string {
  return [...traceFileChunks(scenario, seed, events)].join('');
}

/** Where each node id, message kind and role first appears (by seq): enough to check a file against a scenario. */
export interface TraceSummary {
  nodes: Map<NodeId, number>;
  kinds: Map<string, number>;
  roles: Map<string, number>;
}

function noteFirst<K>(map: Map<K, number>, key: K, seq: number): void {
  if (!map.has(key)) map.set(key, seq);
}

function summarise(summary: TraceSummary, e: TraceEvent): void {
  const node = (id: NodeId): void => noteFirst(summary.nodes, id, e.seq);
  if ('node' in e) node(e.node);
  switch (e.type) {
    case 'send':
      node(e.to);
      noteFirst(summary.kinds, e.kind, e.seq);
      return;
    case 'deliver':
    case 'drop':
      node(e.from);
      noteFirst(summary.kinds, e.kind, e.seq);
      return;
    case 'role':
      noteFirst(summary.roles, e.role, e.seq);
      if (e.leader !== null) node(e.leader);
      return;
    case 'action': {
      const a = e.action;
      if ('node' in a) node(a.node);
      if (a.type === 'link') {
        node(a.from);
        node(a.to);
      }
      if (a.type === 'partition') for (const g of a.groups) for (const id of g) node(id);
      return;
    }
    default:
      return;
  }
}

const headerSchema = v.object({
  format: v.literal('dslab-trace', (issue) => `${shown(issue.input)} is not "dslab-trace"`),
  version: v.literal(TRACE_VERSION, (issue) => `${shown(issue.input)} is not a version this page reads (${TRACE_VERSION})`),
  scenario: v.pipe(
    v.string((issue) => `${shown(issue.input)} is not a scenario id`),
    v.minLength(1, 'the scenario id is empty'),
    v.maxLength(200, 'the scenario id is too long'),
  ),
  seed: v.pipe(
    v.number((issue) => `${shown(issue.input)} is not a seed`),
    v.integer((issue) => `${shown(issue.input)} is not a whole number`),
    v.minValue(0, (issue) => `${shown(issue.input)} is not a seed from 0 to ${MAX_SEED}`),
    v.maxValue(MAX_SEED, (issue) => `${shown(issue.input)} is not a seed from 0 to ${MAX_SEED}`),
  ),
});
const HEADER_KEYS = ['format', 'version', 'scenario', 'seed'] as const;
/** Longest header value (a scenario id, a seed) as text. */
const MAX_HEADER_VALUE = 1000;
/** Containers an event may open: itself, its message or data, and their JSON. */
const MAX_EVENT_DEPTH = MAX_JSON_DEPTH + 2;

export class TraceFileError extends Error {}

const enum State {
  Before,
  KeyOrEnd,
  Key,
  Colon,
  ValueStart,
  Value,
  Items,
  Event,
  AfterEvents,
  After,
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Reads a trace file piece by piece: push() text as it arrives, take() the events checked so
 * far, finish() at the end. Throws a TraceFileError with one sentence at the first problem.
 * The scanner only finds where each event starts and ends (tracking depth, so a file nested a
 * million levels deep is refused at level 11); JSON.parse and the schemas do the rest.
 */
export class TraceReader {
  /** Characters read so far. */
  chars = 0;
  /** Events checked so far. */
  count = 0;
  readonly summary: TraceSummary = { nodes: new Map(), kinds: new Map(), roles: new Map() };
  /** Checked events not yet taken: a streaming reader hands them on and keeps none. */
  private pending: TraceEvent[] = [];
  private state = State.Before;
  private inString = false;
  private escape = false;
  private depth = 0;
  private key = '';
  private afterComma = false;
  private readonly header = new Map<string, unknown>();
  private parts: string[] = [];
  private partsLength = 0;
  private start = -1;
  private last: TraceEvent | null = null;

  private fail(why: string): never {
    throw new TraceFileError(why);
  }

  /** Events checked since the last take(); the reader lets go of them. */
  take(): TraceEvent[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  push(chunk: string): void {
    const s = chunk;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.state === State.Key) {
            this.key = this.endCapture(s, i + 1, MAX_HEADER_VALUE, 'a field name') as string;
            this.state = State.Colon;
          }
        }
        continue;
      }
      // Whitespace between tokens (and a byte-order mark at the start) means nothing.
      const space = c === 32 || c === 10 || c === 13 || c === 9 || (c === 0xfeff && this.chars + i === 0);
      switch (this.state) {
        case State.Before:
          if (space) break;
          if (c !== 123) this.fail('the file is not a dslab trace (it does not start with "{")');
          this.state = State.KeyOrEnd;
          break;
        case State.KeyOrEnd:
          if (space) break;
          if (c === QUOTE) {
            this.beginCapture(i);
            this.inString = true;
            this.state = State.Key;
          } else if (c === 125 && !this.afterComma) this.state = State.After;
          else this.fail(`the file is not JSON: unexpected ${JSON.stringify(s[i])} where a field name should be`);
          break;
        case State.Colon:
          if (space) break;
          if (c !== 58) this.fail(`the file is not JSON: expected ":" after ${JSON.stringify(this.key)}`);
          if (this.header.has(this.key)) this.fail(`the file has ${shown(this.key)} twice`);
          if (this.key !== 'events' && !(HEADER_KEYS as readonly string[]).includes(this.key))
            this.fail(`the file has a field ${shown(this.key)} that a dslab trace does not have`);
          this.state = State.ValueStart;
          break;
        case State.ValueStart:
          if (space) break;
          if (this.key === 'events') {
            if (c !== 91) this.fail('events is not a list');
            this.header.set('events', true);
            this.state = State.Items;
            this.afterComma = false;
            break;
          }
          this.beginCapture(i);
          this.depth = 0;
          this.state = State.Value;
          i--; // the value's first character is read in the Value state
          break;
        case State.Value:
          if (c === QUOTE) this.inString = true;
          else if (c === 123 || c === 91) {
            if (++this.depth > 2) this.fail(`${this.key} is not a plain value`);
          } else if (c === 125 || c === 93) {
            if (this.depth === 0) {
              if (c !== 125) this.fail('the file is not JSON: unexpected "]"');
              this.setHeader(this.endCapture(s, i, MAX_HEADER_VALUE, this.key));
              this.state = State.After;
            } else this.depth--;
          } else if (c === 44 && this.depth === 0) {
            this.setHeader(this.endCapture(s, i, MAX_HEADER_VALUE, this.key));
            this.afterComma = true;
            this.state = State.KeyOrEnd;
          }
          break;
        case State.Items:
          if (space) break;
          if (c === 123 && (this.afterComma || this.count === 0)) {
            this.beginCapture(i);
            this.depth = 1;
            this.state = State.Event;
          } else if (c === 44 && !this.afterComma && this.count > 0) this.afterComma = true;
          else if (c === 93 && !this.afterComma) this.state = State.AfterEvents;
          else this.fail(`event ${this.count} is not an object`);
          break;
        case State.Event:
          if (c === QUOTE) this.inString = true;
          else if (c === 123 || c === 91) {
            if (++this.depth > MAX_EVENT_DEPTH) this.fail(`event ${this.count} is nested more than ${MAX_JSON_DEPTH} levels deep`);
          } else if (c === 125 || c === 93) {
            if (--this.depth === 0) {
              this.addEvent(this.endCapture(s, i + 1, MAX_EVENT_CHARS, `event ${this.count}`));
              this.afterComma = false;
              this.state = State.Items;
            }
          }
          break;
        case State.AfterEvents:
          if (space) break;
          if (c === 44) {
            this.afterComma = true;
            this.state = State.KeyOrEnd;
          } else if (c === 125) this.state = State.After;
          else this.fail('the file is not JSON: unexpected text after the events');
          break;
        case State.After:
          if (!space) this.fail('the file has text after the end of the trace');
          break;
        default:
          // State.Key only occurs inside its string, handled above.
          break;
      }
      // A value, key or event that grows past its cap is refused before it is complete.
      if (this.start >= 0 && this.partsLength + (i - this.start) > MAX_EVENT_CHARS) {
        this.fail(`${this.state === State.Event ? `event ${this.count}` : 'a field'} is longer than ${MAX_EVENT_CHARS} characters`);
      }
    }
    if (this.start >= 0) {
      this.parts.push(s.slice(this.start));
      this.partsLength += s.length - this.start;
      this.start = 0;
      if (this.partsLength > MAX_EVENT_CHARS)
        this.fail(`${this.state === State.Event ? `event ${this.count}` : 'a field'} is longer than ${MAX_EVENT_CHARS} characters`);
    }
    this.chars += s.length;
  }

  private beginCapture(i: number): void {
    this.parts = [];
    this.partsLength = 0;
    this.start = i;
  }

  /** The captured text up to (not including) `end`, parsed as JSON. */
  private endCapture(s: string, end: number, max: number, what: string): unknown {
    const text = this.parts.join('') + s.slice(this.start, end);
    this.parts = [];
    this.partsLength = 0;
    this.start = -1;
    if (text.length > max) this.fail(`${what} is longer than ${max} characters`);
    try {
      return JSON.parse(text);
    } catch (error) {
      return this.fail(`${what} is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  /** Checks a header value at once, so a file of another format is refused before its events are read. */
  private setHeader(value: unknown): void {
    const schema = headerSchema.entries[this.key as (typeof HEADER_KEYS)[number]];
    const result = v.safeParse(schema, value);
    if (!result.success) this.fail(`${this.key}: ${result.issues[0].message}`);
    this.header.set(this.key, value);
  }

  private addEvent(raw: unknown): void {
    const index = this.count;
    if (index >= MAX_TRACE_EVENTS) this.fail(`the trace has more than ${MAX_TRACE_EVENTS} events`);
    const checked = checkTraceEvent(raw);
    if (!checked.ok) this.fail(`event ${index}: ${checked.error}`);
    const e = checked.event;
    const last = this.last;
    if (last && (e.seq <= last.seq || e.t < last.t)) this.fail(`events ${index - 1} and ${index} are out of order`);
    this.last = e;
    summarise(this.summary, e);
    this.pending.push(e);
    this.count++;
  }

  /** The whole file, once every piece has been pushed (its events: those not taken). */
  finish(): TraceFile {
    if (this.state !== State.After) this.fail(this.chars === 0 ? 'the file is empty' : 'the file ends before the trace does');
    for (const key of HEADER_KEYS) if (!this.header.has(key)) this.fail(`the file has no ${key}`);
    if (!this.header.has('events')) this.fail('the file has no events');
    if (this.count === 0) this.fail('the trace has no events');
    const header = v.parse(headerSchema, Object.fromEntries(HEADER_KEYS.map((k) => [k, this.header.get(k)])));
    return { ...header, events: this.pending };
  }
}

export type ImportResult = { ok: true; file: TraceFile; summary: TraceSummary } | { ok: false; error: string };

/** Reads a whole trace file from one string (tests, the CLI, small files). */
export function importTrace(text: string): ImportResult {
  if (text.length > MAX_TRACE_BYTES) return { ok: false, error: `the file is larger than ${megabytes(MAX_TRACE_BYTES)}` };
  const reader = new TraceReader();
  try {
    reader.push(text);
    return { ok: true, file: reader.finish(), summary: reader.summary };
  } catch (error) {
    if (error instanceof TraceFileError) return { ok: false, error: error.message };
    throw error;
  }
}

/** The roles every algorithm's nodes may show besides its own: before their first view. */
const COMMON_ROLES: readonly string[] = ['idle'];

/**
 * Why a checked trace cannot be a run of this scenario (a node it does not have, a message
 * kind or role its algorithm does not use), or null. Reads the summary only.
 */
export function traceMismatch(summary: TraceSummary, scenario: Scenario): string | null {
  const ids = new Set(scenario.nodes.map((n) => n.id));
  for (const [id, seq] of summary.nodes) {
    if (!ids.has(id)) return `event ${seq} names node ${id}, which ${scenario.id} does not have`;
  }
  const algorithm = algorithmFor(scenario.algorithm.id);
  const kinds: readonly string[] = algorithm.messageKinds;
  for (const [kind, seq] of summary.kinds) {
    if (!kinds.includes(kind))
      return `event ${seq} has a message of kind ${shown(kind)}, which ${algorithm.label} does not send (${kinds.join(', ')})`;
  }
  const roles: readonly string[] = [...Object.keys(algorithm.roles), ...COMMON_ROLES];
  for (const [role, seq] of summary.roles) {
    if (!roles.includes(role))
      return `event ${seq} gives a node the role ${shown(role)}, which ${algorithm.label} does not have (${Object.keys(algorithm.roles).join(', ')})`;
  }
  return null;
}

export { megabytes };
