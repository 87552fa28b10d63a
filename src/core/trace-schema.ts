// One valibot schema per trace event type and per user action type, with the ranges of
// limits.ts on every field. Whatever comes from outside (a trace file, a replayed case) is
// checked against these before it reaches a simulation or the page. Messages and note data
// are plain JSON, bounded in depth, size and string length.

import * as v from 'valibot';
import {
  MAX_DRIFT_PPM,
  MAX_JSON_DEPTH,
  MAX_JSON_STRING,
  MAX_JSON_VALUES,
  MAX_KEY_LENGTH,
  MAX_LINK_MS,
  MAX_LOCAL_MS,
  MAX_NAME_LENGTH,
  MAX_NODE_ID,
  MAX_NODES,
  MAX_OFFSET_MS,
  MAX_RUN_MS,
  MAX_TEXT_LENGTH,
} from './limits.ts';
import { MAX_SLEW_RATE } from './clock.ts';
import { algorithms } from './algorithms/registry.ts';
import type { UserAction, UserActionType } from './scenario.ts';
import type { TraceEvent, TraceEventType } from './trace.ts';

/** The roles a real process can be attached in: every role a registered algorithm gives a node (its definition's roles), and idle. */
const ATTACH_ROLES = [...new Set(['idle', ...algorithms.flatMap((a) => Object.keys(a.roles))])];

/** A value as a message shows it: short, and never more than a line. */
export function shown(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  else if (typeof value === 'number') text = String(value);
  else if (value === null) text = 'null';
  else if (Array.isArray(value)) text = 'a list';
  else text = typeof value === 'object' ? 'an object' : typeof value;
  return text;
}

/** A finite number in [lo, hi]; the message says what it should be. */
function range(lo: number, hi: number, what: string, integer = false) {
  const rule = `${integer ? 'a whole number' : 'a number'} ${what} from ${lo} to ${hi}`;
  const message = (issue: v.BaseIssue<unknown>): string => `${shown(issue.input)} is not ${rule}`;
  return v.pipe(
    v.number(message),
    v.finite(message),
    v.check((n) => !integer || Number.isInteger(n), message),
    v.minValue(lo, message),
    v.maxValue(hi, message),
  );
}

function text(max: number, what: string) {
  return v.pipe(
    v.string((issue) => `${shown(issue.input)} is not ${what}`),
    v.maxLength(max, (issue) => `${what} is ${(issue.input as string).length} characters long (at most ${max})`),
  );
}

/** An object with exactly these fields; the messages say which field is missing or extra. */
const strict = <E extends v.ObjectEntries>(entries: E) =>
  v.strictObject(entries, (issue) =>
    issue.expected === 'never' ? 'is a field it does not have' : issue.path?.length ? 'is missing' : 'is not an object',
  );

const key = (what: string) => v.pipe(text(MAX_KEY_LENGTH, what), v.minLength(1, `${what} is empty`));

export const nodeIdSchema = range(0, MAX_NODE_ID, 'node id', true);
export const trueTimeSchema = range(0, MAX_RUN_MS, 'of ms (a true time within 24 h)');
const localTime = range(-MAX_LOCAL_MS, MAX_LOCAL_MS, 'of ms (a clock reading)');
const probability = range(0, 1, 'probability');
const linkMs = range(0, MAX_LINK_MS, 'of ms');

/** Why a JSON value is too large or too deep, or null. Iterative, so a deep one cannot overflow the stack. */
export function jsonProblem(value: unknown): string | null {
  let values = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (++values > MAX_JSON_VALUES) return `holds more than ${MAX_JSON_VALUES} values`;
    if (item === null || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return 'holds a number that is not finite';
      continue;
    }
    if (typeof item === 'string') {
      if (item.length > MAX_JSON_STRING) return `holds a string of ${item.length} characters (at most ${MAX_JSON_STRING})`;
      continue;
    }
    if (typeof item !== 'object') return `holds a ${typeof item}`;
    if (depth > MAX_JSON_DEPTH) return `is nested more than ${MAX_JSON_DEPTH} levels deep`;
    const children = Array.isArray(item) ? item : Object.values(item);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return null;
}

const boundedJson = <T>() =>
  v.check<T, (issue: v.CheckIssue<T>) => string>(
    (input) => jsonProblem(input) === null,
    (issue) => `it ${jsonProblem(issue.input) ?? 'is not JSON'}`,
  );

// ---- user actions ------------------------------------------------------------------------

const linkPatchSchema = v.pipe(
  v.strictObject(
    {
      latencyMs: v.exactOptional(linkMs),
      jitterMs: v.exactOptional(linkMs),
      jitter: v.exactOptional(v.picklist(['none', 'uniform', 'normal', 'exponential'])),
      loss: v.exactOptional(probability),
      duplicate: v.exactOptional(probability),
      fifo: v.exactOptional(v.boolean()),
      up: v.exactOptional(v.boolean()),
    },
    (issue) => (issue.expected === 'never' ? 'is not a link setting' : 'a link change is an object of settings'),
  ),
  v.check((patch) => Object.keys(patch).length > 0, 'a link change that changes nothing'),
);

const group = v.pipe(v.array(nodeIdSchema), v.minLength(1, 'a partition group is empty'), v.maxLength(MAX_NODES));

// Schemas are stored by what they produce; what they take is anything.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SchemaOf<T> = v.GenericSchema<any, T>;

/** One schema per action type: adding an action type without one fails to type-check here. */
const actionSchemas: { [K in UserActionType]: SchemaOf<Extract<UserAction, { type: K }>> } = {
  crash: strict({ at: trueTimeSchema, type: v.literal('crash'), node: nodeIdSchema }),
  recover: strict({ at: trueTimeSchema, type: v.literal('recover'), node: nodeIdSchema }),
  notice: strict({ at: trueTimeSchema, type: v.literal('notice'), node: nodeIdSchema }),
  request: strict({ at: trueTimeSchema, type: v.literal('request'), node: nodeIdSchema }),
  drift: strict({ at: trueTimeSchema, type: v.literal('drift'), node: nodeIdSchema, ppm: range(-MAX_DRIFT_PPM, MAX_DRIFT_PPM, 'of ppm') }),
  offset: strict({
    at: trueTimeSchema,
    type: v.literal('offset'),
    node: nodeIdSchema,
    offsetMs: range(-MAX_OFFSET_MS, MAX_OFFSET_MS, 'of ms (an offset within a day)'),
  }),
  link: strict({ at: trueTimeSchema, type: v.literal('link'), from: nodeIdSchema, to: nodeIdSchema, patch: linkPatchSchema }),
  network: strict({ at: trueTimeSchema, type: v.literal('network'), patch: linkPatchSchema }),
  partition: strict({
    at: trueTimeSchema,
    type: v.literal('partition'),
    groups: v.pipe(
      v.array(group, 'groups is not a list of lists of node ids'),
      v.minLength(1, 'a partition with no groups'),
      v.maxLength(MAX_NODES),
    ),
  }),
  heal: strict({ at: trueTimeSchema, type: v.literal('heal') }),
  // What a real process did in a relay session (ARCHITECTURE.md §6).
  attach: strict({
    at: trueTimeSchema,
    type: v.literal('attach'),
    node: nodeIdSchema,
    address: text(MAX_KEY_LENGTH, 'an address'),
    role: v.picklist(ATTACH_ROLES),
    leader: v.nullable(nodeIdSchema),
  }),
  detach: strict({ at: trueTimeSchema, type: v.literal('detach'), node: nodeIdSchema, reason: text(MAX_KEY_LENGTH, 'a reason') }),
  external: strict({
    at: trueTimeSchema,
    type: v.literal('external'),
    node: nodeIdSchema,
    sends: v.pipe(
      v.array(
        strict({
          to: nodeIdSchema,
          msg: v.pipe(v.looseObject({ kind: key('a message kind') }), boundedJson<{ kind: string }>()),
          extraMs: linkMs,
        }),
      ),
      v.maxLength(MAX_NODES),
    ),
    note: v.nullable(
      strict({
        topic: key('a note topic'),
        text: text(MAX_JSON_STRING, 'a note'),
        data: v.nullable(v.pipe(v.record(v.string(), v.unknown()), boundedJson<Record<string, unknown>>())),
      }),
    ),
  }),
};

const ACTION_TYPES = Object.keys(actionSchemas) as UserActionType[];
/** The types a person takes (a relay session's attach, detach and external are recorded, never typed). */
const USER_TYPES = ACTION_TYPES.filter((t) => t !== 'attach' && t !== 'detach' && t !== 'external');

/** A user action from outside, fully checked. */
export const userActionSchema: v.GenericSchema<unknown, UserAction> = v.pipe(
  v.looseObject({ type: v.string('an action needs a type') }, 'an action is an object'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const type = dataset.value.type;
    if (!(ACTION_TYPES as string[]).includes(type)) {
      addIssue({ message: `${shown(type)} is not an action type (${USER_TYPES.join(', ')})` });
      return NEVER;
    }
    const result = v.safeParse(actionSchemas[type as UserActionType], dataset.value);
    if (!result.success) {
      const issue = result.issues[0];
      const path = v.getDotPath(issue);
      addIssue({ message: `${type} action: ${path ? `${path}: ` : ''}${issue.message}` });
      return NEVER;
    }
    return result.output as UserAction;
  }),
);

// ---- trace events ------------------------------------------------------------------------

const at = { seq: range(0, Number.MAX_SAFE_INTEGER, 'sequence number', true), t: trueTimeSchema };
const atNode = { ...at, node: nodeIdSchema, local: localTime };
const msgId = range(0, Number.MAX_SAFE_INTEGER, 'message id', true);
const messageSchema = v.pipe(
  v.looseObject({ kind: key('a message kind') }, 'a message is an object with a kind'),
  boundedJson<{ kind: string }>(),
);

const eventSchemas: { [K in TraceEventType]: SchemaOf<unknown> } = {
  node: strict({
    ...atNode,
    type: v.literal('node'),
    name: v.pipe(text(MAX_NAME_LENGTH, 'a node name'), v.minLength(1, 'a node name is empty')),
    clock: strict({ offsetMs: range(-MAX_OFFSET_MS, MAX_OFFSET_MS, 'of ms'), driftPpm: range(-MAX_DRIFT_PPM, MAX_DRIFT_PPM, 'of ppm') }),
    slewRate: range(0, MAX_SLEW_RATE, 'slew rate'),
  }),
  boot: strict({ ...atNode, type: v.literal('boot'), incarnation: range(0, 1_000_000, 'incarnation', true), recovered: v.boolean() }),
  send: v.pipe(
    strict({
      ...atNode,
      type: v.literal('send'),
      msgId,
      to: nodeIdSchema,
      kind: key('a message kind'),
      msg: messageSchema,
      arrive: trueTimeSchema,
    }),
    v.check((e) => e.msg.kind === e.kind, 'the message kind differs from the event kind'),
    v.check((e) => e.arrive >= e.t, 'the message arrives before it is sent'),
  ),
  duplicate: strict({ ...at, type: v.literal('duplicate'), node: nodeIdSchema, msgId, arrive: trueTimeSchema }),
  deliver: strict({ ...atNode, type: v.literal('deliver'), msgId, from: nodeIdSchema, kind: key('a message kind') }),
  drop: strict({
    ...at,
    type: v.literal('drop'),
    node: nodeIdSchema,
    msgId,
    from: nodeIdSchema,
    kind: key('a message kind'),
    reason: v.picklist(
      ['loss', 'partition', 'cut', 'crashed'],
      (issue) => `${shown(issue.input)} is not a drop reason (loss, partition, cut, crashed)`,
    ),
  }),
  timer: strict({ ...atNode, type: v.literal('timer'), key: key('a timer key') }),
  adjust: strict({
    ...atNode,
    type: v.literal('adjust'),
    mode: v.picklist(['step', 'slew'], (issue) => `${shown(issue.input)} is not step or slew`),
    deltaMs: localTime,
    before: localTime,
  }),
  role: strict({ ...atNode, type: v.literal('role'), role: key('a role'), leader: v.nullable(nodeIdSchema) }),
  note: strict({
    ...atNode,
    type: v.literal('note'),
    topic: key('a note topic'),
    text: text(MAX_TEXT_LENGTH, 'a note'),
    data: v.nullable(v.pipe(v.record(v.string(), v.unknown(), 'note data is an object'), boundedJson<Record<string, unknown>>())),
  }),
  crash: strict({ ...atNode, type: v.literal('crash') }),
  action: strict({ ...at, type: v.literal('action'), action: userActionSchema }),
  fault: strict({ ...at, type: v.literal('fault'), node: nodeIdSchema, error: text(MAX_TEXT_LENGTH, 'an error') }),
};

const EVENT_TYPES = Object.keys(eventSchemas) as TraceEventType[];

export type EventCheck = { ok: true; event: TraceEvent } | { ok: false; error: string };

/** Checks one trace event from outside against its type's schema. The error names the field. */
export function checkTraceEvent(raw: unknown): EventCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'an event is an object' };
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !(EVENT_TYPES as string[]).includes(type)) {
    return { ok: false, error: `type: ${shown(type)} is not an event type (${EVENT_TYPES.join(', ')})` };
  }
  const result = v.safeParse(eventSchemas[type as TraceEventType], raw);
  if (result.success) return { ok: true, event: raw as TraceEvent };
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  return { ok: false, error: `${path ? `${path}: ` : ''}${issue.message}` };
}
