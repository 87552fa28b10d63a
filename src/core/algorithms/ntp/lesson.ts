// The lesson over ntp-basic: NTP's four timestamps, θ and δ, the clock filter and strata, walked
// through on the real run with its own numbers, and what an asymmetric link does to the error.
// Cues are predicates over trace events; answers are read from the trace (the judged syncs of
// bound.ts, the same the checker and the panels read).

import { after, indexAfter, isNote, ms1, sec, signed } from '../../lesson/read.ts';
import type { Challenge, Lesson, Prediction, RunContext, StepContext } from '../../lesson/types.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';
import type { NtpSyncOutcome } from './bound.ts';
import { ntpSyncs } from './check.ts';
import { type NtpSettings, upstreamOf } from './machine.ts';

type Send = Extract<TraceEvent, { type: 'send' }>;

const settingsOf = (ctx: RunContext): NtpSettings => ctx.scenario.algorithm.settings as NtpSettings;
const clientsOf = (ctx: RunContext): NodeId[] => {
  const s = settingsOf(ctx);
  return ctx.scenario.nodes.map((n) => n.id).filter((id) => id !== s.referenceId && id !== s.serverId);
};
const ppm = (x: number): string => `${x < 0 ? '−' : '+'}${Math.abs(x).toLocaleString('en-GB')} ppm`;

/** The judged syncs whose `ntp-sync` note lies at a trace index in [from, to]. */
function syncsBetween(ctx: RunContext, from: number, to = ctx.events.length - 1): NtpSyncOutcome[] {
  const wanted = new Set<string>();
  for (let i = Math.max(0, from); i <= to && i < ctx.events.length; i++) {
    const e = ctx.events[i] as TraceEvent;
    if (e.type === 'note' && e.topic === 'ntp-sync') wanted.add(`${e.node}@${e.t}`);
  }
  if (wanted.size === 0) return [];
  return ntpSyncs(ctx.events.slice(0, to + 1)).filter((s) => wanted.has(`${s.client}@${s.t}`));
}

/** The sync judged at the note with trace index `at`. */
function syncAt(ctx: RunContext, at: number): NtpSyncOutcome {
  const s = syncsBetween(ctx, at, at)[0];
  if (!s) throw new Error(`no ntp-sync at trace index ${at}`);
  return s;
}

const formulas = (s: NtpSyncOutcome): string =>
  `θ = ((T2 − T1) + (T3 − T4))/2 = ((${sec(s.t2)} − ${sec(s.t1)}) + (${sec(s.t3)} − ${sec(s.t4)}))/2 = ${signed(s.offsetMs)}; ` +
  `δ = (T4 − T1) − (T3 − T2) = ${ms1(s.t4 - s.t1)} − ${ms1(s.t3 - s.t2)} = ${ms1(s.delayMs)} ms`;

function syncNarration(ctx: StepContext, s: NtpSyncOutcome): string {
  const list = s.samples.map((x) => ms1(x.delayMs)).join(', ');
  return (
    `${ctx.nameOf(s.client)} asked ${ctx.nameOf(s.server)} ${s.samples.length} times; the delays were ${list} ms and the clock filter kept ${ms1(s.delayMs)} ms. ` +
    `It moved its clock ${signed(s.offsetMs)} and is now stratum ${s.stratum}. Whatever the two one-way delays were, the true offset lay within θ ± δ/2 = ±${ms1(s.knownBoundMs)} ms ` +
    `(plus ${ms1(s.driftAllowanceMs)} ms the clocks drifted apart meanwhile): it ended ${signed(s.errorMs)} from ${ctx.nameOf(s.server)}, ${signed(s.trueErrorMs)} from true time.`
  );
}

const isClientSync =
  (ctx: { scenario: RunContext['scenario'] }) =>
  (e: TraceEvent): boolean => {
    const s = ctx.scenario.algorithm.settings as NtpSettings;
    return e.type === 'note' && e.topic === 'ntp-sync' && e.node !== s.serverId && e.node !== s.referenceId;
  };

/** The client whose links to the server differ most between directions (ntp-basic: Client C). */
function mostAsymmetric(ctx: RunContext): NodeId {
  const { serverId } = settingsOf(ctx);
  const d = ctx.scenario.network.defaults.latencyMs;
  const lat = (from: NodeId, to: NodeId): number => ctx.scenario.network.links.find((l) => l.from === from && l.to === to)?.latencyMs ?? d;
  return clientsOf(ctx).reduce((best, c) =>
    Math.abs(lat(c, serverId) - lat(serverId, c)) > Math.abs(lat(best, serverId) - lat(serverId, best)) ? c : best,
  );
}

const widest: Prediction = {
  id: 'widest',
  question: 'After the first round, whose bound ±δ/2 will be widest?',
  choices: (ctx) => clientsOf(ctx).map((id) => ({ id: String(id), label: ctx.nameOf(id) })),
  outcome(ctx) {
    const firsts = new Map<NodeId, NtpSyncOutcome>();
    for (const s of syncsBetween(ctx, ctx.at + 1)) if (!firsts.has(s.client)) firsts.set(s.client, s);
    const clients = clientsOf(ctx);
    if (!clients.every((c) => firsts.has(c))) return null;
    const all = clients.map((c) => firsts.get(c) as NtpSyncOutcome);
    const w = all.reduce((a, b) => (b.knownBoundMs > a.knownBoundMs ? b : a));
    return {
      choice: String(w.client),
      why: `Bounds: ${all.map((s) => `${ctx.nameOf(s.client)} ±${ms1(s.knownBoundMs)} ms (δ ${ms1(s.delayMs)} ms)`).join(', ')}. δ is the time the messages spent on the links, both ways: the slowest round trip leaves the most room for error.`,
    };
  },
};

const whichSide: Prediction = {
  id: 'which-side',
  question: 'Client C’s requests reach the server fast but the answers come back slowly. After its sync, where will its clock be?',
  choices: (ctx) => [
    { id: 'behind', label: `Behind ${ctx.nameOf(settingsOf(ctx).serverId)}’s, by about half the difference of the two delays` },
    { id: 'ahead', label: 'Ahead of the server’s' },
    { id: 'exact', label: 'Within a few ms of the server’s: NTP corrects for the delay' },
  ],
  outcome(ctx) {
    const c = mostAsymmetric(ctx);
    const s = syncsBetween(ctx, ctx.at + 1).find((x) => x.client === c);
    if (!s) return null;
    const choice = s.errorMs < -5 ? 'behind' : s.errorMs > 5 ? 'ahead' : 'exact';
    return {
      choice,
      why: `${ctx.nameOf(c)} ended ${signed(s.errorMs)} from the server, within its bound ±${ms1(s.boundMs)} ms. θ assumes the request and the answer took as long as each other; a fast request and a slow answer make the answer look early, so θ comes out low by half the difference.`,
    };
  },
};

const crashServer: Challenge = {
  id: 'crash-server',
  task: 'Crash the stratum-2 server (click it, then Crash): the clients’ next polls get no answer, and they must leave their clocks alone.',
  check(ctx) {
    const server = settingsOf(ctx).serverId;
    const crash = indexAfter(ctx.events, ctx.since, (e) => e.type === 'crash' && e.node === server);
    if (crash < 0) return null;
    const failed = indexAfter(
      ctx.events,
      crash,
      (e) => isNote('ntp-failed')(e) && upstreamOf(e.node as NodeId, settingsOf(ctx)) === server,
    );
    if (failed < 0) return { done: false, text: `${ctx.nameOf(server)} is down; waiting for a client's next poll…` };
    const e = ctx.events[failed] as Extract<TraceEvent, { type: 'note' }>;
    return { done: true, text: `${ctx.nameOf(e.node)} got no answer and left its clock alone: correct.` };
  },
};

const slowBack: Challenge = {
  id: 'slow-answers',
  task: 'Make Client A’s link asymmetric: click the line between Server and Client A and set the latency from Server to Client A to 150 ms. Its next sync must end well behind the server, still inside its bound.',
  check(ctx) {
    const { serverId } = settingsOf(ctx);
    const a = ctx.scenario.nodes.find((n) => n.name === 'Client A')?.id ?? (clientsOf(ctx)[0] as NodeId);
    const act = indexAfter(
      ctx.events,
      ctx.since,
      (e) =>
        e.type === 'action' &&
        e.action.type === 'link' &&
        e.action.from === serverId &&
        e.action.to === a &&
        (e.action.patch.latencyMs ?? 0) >= 100,
    );
    if (act < 0) return null;
    const later = syncsBetween(ctx, act).find((s) => s.client === a && s.t1 > (ctx.events[act] as TraceEvent).t);
    if (!later) return { done: false, text: `${ctx.nameOf(a)}'s answers now come back slowly; waiting for its next sync…` };
    const right = later.errorMs < -20 && later.within;
    return {
      done: right,
      text: right
        ? `${ctx.nameOf(a)} ended ${signed(later.errorMs)} from the server, inside ±${ms1(later.boundMs)} ms: the asymmetry moved θ by half the difference. Correct.`
        : `${ctx.nameOf(a)} ended ${signed(later.errorMs)} from the server (bound ±${ms1(later.boundMs)} ms); slow the answers more.`,
    };
  },
};

/** Our run as `ntpdate -q` prints a query: one line per sync. */
function ntpdateOutput(ctx: RunContext): string {
  return ntpSyncs(ctx.events)
    .map(
      (s) =>
        `${sec(s.t)} s  ${ctx.nameOf(s.client)}: server ${ctx.nameOf(s.server)}, stratum ${s.serverStratum}, offset ${(s.offsetMs / 1000).toFixed(6)}, delay ${(s.delayMs / 1000).toFixed(5)}`,
    )
    .join('\n');
}

export const ntpBasicLesson: Lesson = {
  preset: 'ntp-basic',
  question: 'NTP',
  title: 'NTP: four timestamps and strata',
  blurb:
    'A GPS reference, a stratum-2 server and three clients: θ and δ from T1–T4 with the run’s own numbers, and a link that is slow one way.',
  steps: [
    {
      title: 'A reference, a server, three clients',
      cue: null,
      narrate(ctx) {
        const s = settingsOf(ctx);
        const node = (id: NodeId) => ctx.scenario.nodes.find((n) => n.id === id);
        const clients = clientsOf(ctx)
          .map((id) => `${ctx.nameOf(id)} (${signed(node(id)?.clock.offsetMs ?? 0)}, ${ppm(node(id)?.clock.driftPpm ?? 0)})`)
          .join(', ');
        return {
          text:
            `${ctx.nameOf(s.referenceId)} is stratum 1: its clock is true time. ${ctx.nameOf(s.serverId)} (${ppm(node(s.serverId)?.clock.driftPpm ?? 0)}) syncs to it and becomes stratum 2; ` +
            `the clients ${clients} sync to the server and become stratum 3. Until a node has synced it is stratum 16, "unsynchronised", and nobody takes the time from it. ` +
            `Every ${sec(s.pollMs)} s a node sends ${s.samples} requests to its upstream and keeps the best one. ${ctx.nameOf(mostAsymmetric(ctx))}'s link is fast one way and slow the other.`,
          watch: 'Predict, then press Next: the server sends its first request.',
        };
      },
      predict: widest,
    },
    {
      title: 'T1: the request leaves',
      cue: {
        label: 'the server sends its first REQUEST',
        matches: (e, ctx) => e.type === 'send' && e.kind === 'REQUEST' && e.node === settingsOf(ctx).serverId,
      },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Send;
        return {
          text: `At true time ${sec(e.t)} s ${ctx.nameOf(e.node)}'s clock reads T1 = ${sec(e.local)} s (${signed(e.local - e.t)} off). It writes T1 into the REQUEST and sends it to ${ctx.nameOf(e.to)}.`,
          watch: 'The reference stamps the arrival and the answer.',
        };
      },
    },
    {
      title: 'T2 and T3: the answer',
      cue: {
        label: 'the reference answers',
        matches: (e, ctx) => e.type === 'send' && e.kind === 'RESPONSE' && e.node === settingsOf(ctx).referenceId,
      },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Send;
        const m = e.msg as unknown as { t1: number; t2: number; t3: number; stratum: number };
        return {
          text:
            `${ctx.nameOf(e.node)} stamped the request's arrival T2 = ${sec(m.t2)} s and, ${ms1(m.t3 - m.t2)} ms of processing later, the answer's departure T3 = ${sec(m.t3)} s. ` +
            `The RESPONSE carries T1 back, T2, T3 and its stratum, ${m.stratum}. Unlike Cristian's server, it says how long it held the request, so that time is not taken for network delay.`,
          watch: 'T4 is read when the answer arrives; then θ and δ.',
        };
      },
    },
    {
      title: 'θ, δ and the clock filter',
      cue: {
        label: 'the server syncs',
        matches: (e, ctx) => e.type === 'note' && e.topic === 'ntp-sync' && e.node === settingsOf(ctx).serverId,
      },
      narrate(ctx) {
        const s = syncAt(ctx, ctx.at);
        return {
          text: syncNarration(ctx, s),
          formula: formulas(s),
          watch: 'The server is stratum 2 now: the clients can take the time from it.',
        };
      },
      predict: whichSide,
    },
    {
      title: 'A client syncs to the server',
      cue: { label: 'the first client syncs', matches: (e, ctx) => isClientSync(ctx)(e) },
      narrate(ctx) {
        const s = syncAt(ctx, ctx.at);
        return { text: syncNarration(ctx, s), formula: formulas(s), watch: 'The client on the asymmetric link is next.' };
      },
    },
    {
      title: 'The asymmetric link',
      cue: {
        label: 'Client C syncs',
        matches: (e, ctx) => e.type === 'note' && e.topic === 'ntp-sync' && e.node === mostAsymmetric(ctx),
      },
      narrate(ctx) {
        const s = syncAt(ctx, ctx.at);
        return {
          text: `${syncNarration(ctx, s)} Its error is ${ms1((100 * Math.abs(s.errorMs)) / s.boundMs)}% of its bound: the bound is not a pessimistic guess, an uneven link really uses it.`,
          formula: formulas(s),
          watch: 'Between polls every clock drifts again at its own rate.',
        };
      },
    },
    {
      title: 'Poll after poll',
      cue: {
        label: 'every client has synced twice',
        matches: (e, ctx) => {
          if (!isClientSync(ctx)(e)) return false;
          const counts = new Map<NodeId, number>();
          for (const x of after(ctx.events.slice(0, ctx.index + 1), 0, isNote('ntp-sync')))
            counts.set(x.node, (counts.get(x.node) ?? 0) + 1);
          return clientsOf(ctx).every((c) => (counts.get(c) ?? 0) >= 2);
        },
      },
      narrate(ctx) {
        const all = syncsBetween(ctx, 0, ctx.at);
        const latest = [...new Map(all.map((s) => [s.client, s])).values()];
        const worst = all.reduce((a, b) => (Math.abs(b.errorMs) / b.boundMs > Math.abs(a.errorMs) / a.boundMs ? b : a));
        return {
          text:
            `${all.length} syncs so far, every one within its bound; the closest call was ${ctx.nameOf(worst.client)} at ${signed(worst.errorMs)} of ±${ms1(worst.boundMs)} ms. ` +
            `Latest corrections: ${latest.map((s) => `${ctx.nameOf(s.client)} ${signed(s.offsetMs)}`).join(', ')}: after the first poll only the drift since the last one is left to correct. ` +
            'Errors add up the strata: a client is within its own bound of the server, which is within its bound of the reference.',
          watch: 'Try the challenges below: they are checked against the run.',
        };
      },
    },
  ],
  lab: {
    program: 'none: the lab report has no NTP; its nearest is Q1’s Cristian client (q1_client.py)',
    output: [
      ':|> Time returned by server: 2021-06-05 14:11:20.615233',
      ':|> Process Delay latency: 0.000491543999487476 seconds',
      ':|> Actual clock time at client side: 2021-06-05 14:11:20.615614',
      ':|> Synchronized process client time: 2021-06-05 14:11:20.615479',
      ':|> Synchronization error : 0.000135 seconds',
    ].join('\n'),
    ours: ntpdateOutput,
    wrong: [
      'Cristian’s client counts the server’s processing time as network delay; NTP’s T2 and T3 take it out of δ.',
      'One probe per sync: NTP sends several and keeps the one with the smallest delay (the clock filter).',
      'One server and no strata: NTP’s servers sync to better ones and say how far they are from a reference, and an unsynchronised one (stratum 16) is not believed.',
    ],
  },
  challenges: [crashServer, slowBack],
};
