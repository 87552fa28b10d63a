// What the relay and the page say to each other over the WebSocket, one JSON object per
// message. Times are milliseconds since the epoch on the relay's clock (with microseconds as a
// fraction); the relay turns them into the programs' own timestamps and back. Both sides
// validate what they receive against these schemas, with size caps, before acting on it.
// No Node or DOM imports: the relay (Node) and the page both use this file.

import * as v from 'valibot';

export const RELAY_PROTOCOL = 1;
/** Largest WebSocket message either side accepts. */
export const MAX_RELAY_MESSAGE_BYTES = 16 * 1024;

/** Which of the lab's two protocols a connection speaks. */
export type Service = 'cristian' | 'berkeley';

/** Relay → page. */
export type RelayEvent =
  | {
      type: 'hello';
      version: typeof RELAY_PROTOCOL;
      /** The relay's clock now. */
      now: number;
      /** Names given to programs that connect, in order. */
      names: string[];
      host: string;
      cristianPort: number;
      berkeleyPort: number;
      upstream: { cristian: string | null; berkeley: string | null };
    }
  /**
   * A connection is up: a program connected to the relay (`dialed` false, with the name it got)
   * or the relay reached an upstream server the page asked for (`dialed` true, `ref` echoed).
   */
  | { type: 'open'; conn: string; service: Service; dialed: boolean; name: string | null; ref: string | null; address: string; at: number }
  /**
   * A timestamp arrived on a connection: `stamp` as sent, `time` what it says on the relay's
   * time line, `at` when it was read, and `sentAt`/`rttMs` for dialed connections (when the
   * relay connected, and how long connect-to-timestamp took).
   */
  | { type: 'time'; conn: string; stamp: string; time: number; at: number; rttMs: number | null }
  /** The relay wrote a timestamp to a connection (the page asked it to). */
  | { type: 'wrote'; conn: string; stamp: string; at: number }
  /** A connection ended (or a dial failed, then `ref` says which). */
  | { type: 'close'; conn: string; ref: string | null; reason: string; at: number }
  /** A line of the relay's own log, for the page's log. */
  | { type: 'log'; text: string; at: number };

/** Page → relay. */
export type PageCommand =
  /**
   * Write one timestamp to a connection: an absolute `time`, or the program's own clock (its
   * last timestamp plus the time since) moved by `deltaMs`.
   */
  | { type: 'write'; conn: string; time: number | null; deltaMs: number | null }
  /** Connect to the upstream server of a service; the answer is an `open` or a `close` with this `ref`. */
  | { type: 'dial'; service: Service; ref: string }
  | { type: 'close'; conn: string };

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const finite = v.pipe(v.number(), v.finite());
const text = v.pipe(v.string(), v.maxLength(2000));
const service = v.picklist(['cristian', 'berkeley']);

export const PageCommandSchema = v.variant('type', [
  v.object({ type: v.literal('write'), conn: id, time: v.nullable(finite), deltaMs: v.nullable(finite) }),
  v.object({ type: v.literal('dial'), service, ref: id }),
  v.object({ type: v.literal('close'), conn: id }),
]);

export const RelayEventSchema = v.variant('type', [
  v.object({
    type: v.literal('hello'),
    version: v.literal(RELAY_PROTOCOL),
    now: finite,
    names: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(40))), v.maxLength(64)),
    host: text,
    cristianPort: finite,
    berkeleyPort: finite,
    upstream: v.object({ cristian: v.nullable(text), berkeley: v.nullable(text) }),
  }),
  v.object({
    type: v.literal('open'),
    conn: id,
    service,
    dialed: v.boolean(),
    name: v.nullable(text),
    ref: v.nullable(id),
    address: text,
    at: finite,
  }),
  v.object({ type: v.literal('time'), conn: id, stamp: text, time: finite, at: finite, rttMs: v.nullable(finite) }),
  v.object({ type: v.literal('wrote'), conn: id, stamp: text, at: finite }),
  v.object({ type: v.literal('close'), conn: id, ref: v.nullable(id), reason: text, at: finite }),
  v.object({ type: v.literal('log'), text, at: finite }),
]);

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseWith<T>(schema: v.GenericSchema<unknown, T>, raw: string): Parsed<T> {
  if (raw.length > MAX_RELAY_MESSAGE_BYTES)
    return { ok: false, error: `message of ${raw.length} bytes is over the ${MAX_RELAY_MESSAGE_BYTES}-byte cap` };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'message is not JSON' };
  }
  const result = v.safeParse(schema, json);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  return { ok: false, error: `bad message: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}` };
}

export const parsePageCommand = (raw: string): Parsed<PageCommand> => parseWith(PageCommandSchema, raw);
export const parseRelayEvent = (raw: string): Parsed<RelayEvent> => parseWith(RelayEventSchema, raw);
