// NTP's error bound, read off the trace: the one place that says how far a synced node can be
// from the node it synced to. The checker, the rounds panel, the metrics, the clock chart's
// band and the CLI's `syncs` all read it from here.
//
// Write O(x) = S(x) − C(x) for the server's clock minus the client's at true time x, and a, b,
// c, e for the true times of T1..T4. Then T2 − T1 = O(b) + (C(b) − C(a)) and
// T3 − T4 = O(c) − (C(e) − C(c)), so
//   θ − (O(b) + O(c))/2 = ((C(b) − C(a)) − (C(e) − C(c))) / 2,
// and since the client's clock never runs backwards both brackets are ≥ 0, summing to
// T4 − T1 − (C(c) − C(b)) = δ + O(c) − O(b). Hence |θ − (O(b)+O(c))/2| ≤ δ/2 + |O(c) − O(b)|/2,
// whatever the two one-way delays were: that is NTP's ±δ/2. The node applies θ later, at f,
// when its poll ends, so its error against the server then is θ − O(f), within
//   δ/2 + drift allowance,  drift allowance = |O(c) − O(b)|/2 + |(O(b) + O(c))/2 − O(f)|:
// how far the two clocks drifted apart over the server's processing and from the sample to
// the correction (|ρc − ρs| × the time since the sample, when neither clock was adjusted
// meanwhile). The fold below takes T1..T4 from the trace's own send and deliver events (not
// from what the node says it measured) and O(b), O(c), O(f) from the clocks the trace
// rebuilds, so a node that computed θ or δ wrongly, or kept another sample than it says, is
// caught.

import { type ClockState, readClock } from '../../clock.ts';
import type { JsonValue } from '../../machine.ts';
import type { TraceEvent } from '../../trace.ts';
import type { NodeId, TrueTime } from '../../time.ts';
import { type NoteData, num } from '../notes.ts';
import { type NtpSample, offsetAndDelay } from './machine.ts';

/**
 * One NTP sync as the derivation reports it (ARCHITECTURE.md §6): the kept sample's four
 * timestamps (T1, T4 on the client's clock, T2, T3 on the server's), θ and δ, as the node's
 * own sample holds them, and what the trace says of the sync.
 */
export interface NtpSyncOutcome extends Pick<NtpSample, 't1' | 't2' | 't3' | 't4' | 'offsetMs' | 'delayMs'> {
  client: NodeId;
  server: NodeId;
  /** The server's stratum when it answered, and the client's after the sync. */
  serverStratum: number;
  stratum: number;
  t: number;
  poll: number;
  /** True time the kept sample's request left (T1), when the trace shows it. */
  sampleT: number | null;
  /** Every usable sample of the poll (the clock filter kept the one with the smallest δ). */
  samples: Pick<NtpSample, 'sample' | 'offsetMs' | 'delayMs'>[];
  beforeMs: number;
  afterMs: number;
  /** δ/2: all the client itself can know. */
  knownBoundMs: number;
  /** How far the two clocks drifted apart from the sample to the correction. */
  driftAllowanceMs: number;
  /** δ/2 + drift allowance. */
  boundMs: number;
  /** The new clock minus the server's clock at that moment. */
  errorMs: number;
  /** The new clock minus true time. */
  trueErrorMs: number;
  within: boolean;
}

/** What the fold remembers of one request on its way: keyed by requester and sample id. */
interface Exchange {
  client: NodeId;
  server: NodeId;
  a: number;
  t1: number;
  /** Each arrival at the server (a duplicated request arrives twice): T2 and O(b). */
  arrivals: { t2: number; ob: number }[];
  /** Each answer (its message id): T2, T3, O(b), O(c) and, once it first arrived, T4. */
  answers: { msgId: number; t2: number; t3: number; ob: number; oc: number; t4: number | null }[];
}

/** The fold's state: plain data, so the page's round panel can keep it in its checkpoints. */
export interface NtpTrack {
  readonly exchanges: Readonly<Record<string, Exchange>>;
  /** A message id's exchange key (REQUEST or RESPONSE), for its deliveries. */
  readonly messages: Readonly<Record<number, string>>;
  /** Each node's last clock adjustment: the sync's own is traced just before its note. */
  readonly adjusts: Readonly<Record<NodeId, { t: number; before: number; deltaMs: number }>>;
}

export const emptyTrack: NtpTrack = { exchanges: {}, messages: {}, adjusts: {} };

/** Exchanges kept at most (a long partition piles up unanswered requests); the oldest go first. */
const MAX_EXCHANGES = 2000;

type Clocks = (node: NodeId) => ClockState | undefined;
type Msg = { [key: string]: JsonValue };

const keyOf = (client: NodeId, sample: number): string => `${client}:${sample}`;

/** O(t) = S(t) − C(t), or null when either clock is unknown. */
function offsetBetween(clockOf: Clocks, server: NodeId, client: NodeId, t: number): number | null {
  const s = clockOf(server);
  const c = clockOf(client);
  return s && c ? readClock(s, t as TrueTime) - readClock(c, t as TrueTime) : null;
}

function withExchange(track: NtpTrack, key: string, x: Exchange, msgId?: number): NtpTrack {
  let exchanges: Record<string, Exchange> = { ...track.exchanges, [key]: x };
  let messages: Record<number, string> = msgId === undefined ? track.messages : { ...track.messages, [msgId]: key };
  const keys = Object.keys(exchanges);
  if (keys.length > MAX_EXCHANGES) {
    const drop = new Set(keys.slice(0, keys.length - MAX_EXCHANGES));
    exchanges = Object.fromEntries(Object.entries(exchanges).filter(([k]) => !drop.has(k)));
    messages = Object.fromEntries(Object.entries(messages).filter(([, k]) => !drop.has(k)));
  }
  return { ...track, exchanges, messages };
}

/** Forgets a client's exchanges once its poll has been judged. */
function forget(track: NtpTrack, client: NodeId): NtpTrack {
  const gone = Object.entries(track.exchanges).filter(([, x]) => x.client === client);
  if (gone.length === 0) return track;
  const keys = new Set(gone.map(([k]) => k));
  return {
    ...track,
    exchanges: Object.fromEntries(Object.entries(track.exchanges).filter(([k]) => !keys.has(k))),
    messages: Object.fromEntries(Object.entries(track.messages).filter(([, k]) => !keys.has(k))),
  };
}

const isNtpRequest = (m: Msg): boolean => m['kind'] === 'REQUEST' && typeof m['sample'] === 'number' && typeof m['t1'] === 'number';
const isNtpResponse = (m: Msg): boolean => m['kind'] === 'RESPONSE' && typeof m['t2'] === 'number' && typeof m['t3'] === 'number';

/**
 * Folds one event (after the clocks took it in: `clockOf` gives them as the event leaves
 * them). Returns the new track, the same object when the event changes nothing, and the
 * sync it judged if the event was an `ntp-sync` note.
 */
export function foldNtp(track: NtpTrack, e: TraceEvent, clockOf: Clocks): { track: NtpTrack; sync: NtpSyncOutcome | null } {
  switch (e.type) {
    case 'send': {
      const m = e.msg as unknown as Msg;
      if (isNtpRequest(m)) {
        const key = keyOf(e.node, m['sample'] as number);
        const x: Exchange = { client: e.node, server: e.to, a: e.t, t1: e.local, arrivals: [], answers: [] };
        return { track: withExchange(track, key, x, e.msgId), sync: null };
      }
      if (isNtpResponse(m)) {
        const key = keyOf(e.to, num(m['sample']));
        const x = track.exchanges[key];
        const arrival = x?.arrivals.find((r) => r.t2 === m['t2']);
        if (!x || !arrival || x.server !== e.node) return { track, sync: null };
        const oc = offsetBetween(clockOf, e.node, e.to, e.t);
        if (oc === null) return { track, sync: null };
        const answers = [...x.answers, { msgId: e.msgId, t2: arrival.t2, t3: e.local, ob: arrival.ob, oc, t4: null }];
        return { track: withExchange(track, key, { ...x, answers }, e.msgId), sync: null };
      }
      return { track, sync: null };
    }
    case 'deliver': {
      const key = track.messages[e.msgId];
      const x = key === undefined ? undefined : track.exchanges[key];
      if (!x || key === undefined) return { track, sync: null };
      if (e.kind === 'REQUEST' && e.node === x.server) {
        const ob = offsetBetween(clockOf, x.server, x.client, e.t);
        if (ob === null) return { track, sync: null };
        return { track: withExchange(track, key, { ...x, arrivals: [...x.arrivals, { t2: e.local, ob }] }), sync: null };
      }
      if (e.kind === 'RESPONSE' && e.node === x.client) {
        // A duplicated answer arrives twice: the client reads the first copy.
        const i = x.answers.findIndex((r) => r.msgId === e.msgId && r.t4 === null);
        if (i < 0) return { track, sync: null };
        const answers = x.answers.map((r, j) => (j === i ? { ...r, t4: e.local } : r));
        return { track: withExchange(track, key, { ...x, answers }), sync: null };
      }
      return { track, sync: null };
    }
    case 'adjust':
      return { track: { ...track, adjusts: { ...track.adjusts, [e.node]: { t: e.t, before: e.before, deltaMs: e.deltaMs } } }, sync: null };
    case 'crash':
      return { track: forget(track, e.node), sync: null };
    case 'note':
      if (e.topic === 'ntp-failed') return { track: forget(track, e.node), sync: null };
      if (e.topic !== 'ntp-sync' || !e.data) return { track, sync: null };
      return { track: forget(track, e.node), sync: judge(track, e, e.data, clockOf) };
    default:
      return { track, sync: null };
  }
}

/** Reads an `ntp-sync` note against the exchange the trace recorded for its kept sample. */
function judge(track: NtpTrack, e: Extract<TraceEvent, { type: 'note' }>, d: NoteData, clockOf: Clocks): NtpSyncOutcome | null {
  const client = e.node;
  const server = num(d['server']);
  const serverClock = clockOf(server);
  if (!serverClock) return null;
  const x = track.exchanges[keyOf(client, num(d['sample']))];
  // The answer the node says it kept: its T2 and T3 as the server traced them, and T4 as the client received it.
  const ans = x?.answers.find((r) => r.t2 === num(d['t2']) && r.t3 === num(d['t3']) && r.t4 !== null);
  const adjust = track.adjusts[client];
  const own = adjust !== undefined && adjust.t === e.t;
  const beforeMs = own ? adjust.before : num(d['before']);
  const afterMs = own ? adjust.before + adjust.deltaMs : num(d['after']);
  const sf = readClock(serverClock, e.t as TrueTime);
  const errorMs = afterMs - sf;
  let delayMs = num(d['delayMs']);
  let offsetMs = num(d['offsetMs']);
  let driftAllowanceMs: number;
  if (x && ans && ans.t4 !== null) {
    ({ offsetMs, delayMs } = offsetAndDelay(x.t1, ans.t2, ans.t3, ans.t4));
    const of = sf - beforeMs;
    driftAllowanceMs = Math.abs(ans.oc - ans.ob) / 2 + Math.abs((ans.ob + ans.oc) / 2 - of);
  } else {
    // A trace whose exchange was not seen (it began mid-poll): the drift allowance from the clocks' rates alone.
    const clientClock = clockOf(client);
    const rates = clientClock ? Math.abs(clientClock.driftPpm - serverClock.driftPpm) * 1e-6 : 0;
    driftAllowanceMs = rates * Math.max(0, beforeMs - num(d['t1']));
  }
  const knownBoundMs = delayMs / 2;
  const boundMs = knownBoundMs + driftAllowanceMs;
  const samples = Array.isArray(d['samples'])
    ? d['samples'].map((s) => {
        const o = (s !== null && typeof s === 'object' && !Array.isArray(s) ? s : {}) as NoteData;
        return { sample: num(o['sample']), offsetMs: num(o['offsetMs']), delayMs: num(o['delayMs']) };
      })
    : [];
  return {
    client,
    server,
    serverStratum: num(d['serverStratum']),
    stratum: num(d['stratum']),
    t: e.t,
    poll: num(d['poll']),
    sampleT: x ? x.a : null,
    t1: num(d['t1']),
    t2: num(d['t2']),
    t3: num(d['t3']),
    t4: num(d['t4']),
    offsetMs,
    delayMs,
    samples,
    beforeMs,
    afterMs,
    knownBoundMs,
    driftAllowanceMs,
    boundMs,
    errorMs,
    trueErrorMs: afterMs - e.t,
    // A micro-ms of float noise is not a violation.
    within: Math.abs(errorMs) <= boundMs + 1e-6,
  };
}
