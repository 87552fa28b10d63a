// Lessons Q1 (cristian-basic) and Q4 (cristian-manipal-buddy): Cristian's algorithm walked
// through on the real run: T0, Ts, T1, RTT, Ts + RTT/2 and the bound ±(RTT/2 − min), with
// this run's numbers. Cues are predicates over trace events; answers are read from the trace.

import { clockAt, type SyncAt, syncsAfter } from '../../lesson/clocks.ts';
import { after, indexAfter, isNote, isSend, ms1, msgNum, sec, signed } from '../../lesson/read.ts';
import type { Challenge, Lesson, Outcome, Prediction, RunContext, StepContext } from '../../lesson/types.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';
import type { CristianSettings } from './machine.ts';

type Send = Extract<TraceEvent, { type: 'send' }>;

const settingsOf = (ctx: RunContext): CristianSettings => ctx.scenario.algorithm.settings as CristianSettings;
const clientsOf = (ctx: RunContext): NodeId[] => ctx.scenario.nodes.map((n) => n.id).filter((id) => id !== settingsOf(ctx).serverId);
const ppm = (x: number): string => `${x < 0 ? '−' : '+'}${Math.abs(x).toLocaleString('en-GB')} ppm`;

/** "Ts + RTT/2 = 1.031 + 0.066 = 1.097 s" for a sync. */
function formula(s: SyncAt): string {
  const elapsed = s.before - s.t1;
  const late = Math.abs(elapsed) > 0.05 ? ` + ${sec(elapsed)} (time since that reply)` : '';
  return `Ts + RTT/2 = ${sec(s.ts)} + ${sec(s.rtt / 2)}${late} = ${sec(s.after)} s`;
}

/** RTT of each answered probe of the round that ended in `sync`, in send order, from the trace's sends and deliveries. */
function probeRtts(ctx: RunContext, sync: SyncAt): number[] {
  const note = ctx.events[sync.index] as Extract<TraceEvent, { type: 'note' }>;
  const sent = Number(note.data?.['probes'] ?? 1);
  const requests: { probe: number; t0: number }[] = [];
  const replyProbe = new Map<number, number>();
  const answered = new Map<number, number>();
  for (let i = 0; i <= sync.index; i++) {
    const e = ctx.events[i] as TraceEvent;
    if (e.type === 'send' && e.kind === 'REPLY' && e.to === sync.client) replyProbe.set(e.msgId, msgNum(e.msg, 'probe'));
    if (e.type === 'send' && e.kind === 'REQUEST' && e.node === sync.client) requests.push({ probe: msgNum(e.msg, 'probe'), t0: e.local });
    if (e.type === 'deliver' && e.kind === 'REPLY' && e.node === sync.client) {
      const probe = replyProbe.get(e.msgId);
      if (probe !== undefined && !answered.has(probe)) answered.set(probe, e.local);
    }
  }
  return requests
    .slice(-sent)
    .filter((r) => answered.has(r.probe))
    .map((r) => (answered.get(r.probe) as number) - r.t0);
}

/** Which of the round's probes the client kept: the smallest RTT, the first, the last. */
function keptOutcome(ctx: RunContext, sync: SyncAt): Outcome {
  const rtts = probeRtts(ctx, sync);
  const min = Math.min(...rtts);
  const list = rtts.map((r) => `${ms1(r)}`).join(', ');
  const kept = rtts.findIndex((r) => Math.abs(r - sync.rtt) < 1e-6);
  const choice = Math.abs(sync.rtt - min) < 1e-6 ? 'smallest' : kept === 0 ? 'first' : kept === rtts.length - 1 ? 'last' : 'other';
  return {
    choice,
    why: `${ctx.nameOf(sync.client)}'s probes took ${list} ms; it kept ${ms1(sync.rtt)} ms, the smallest: the shortest round trip leaves the least room for error (±${ms1(sync.boundMs)} ms).`,
  };
}

const keptChoices = [
  { id: 'first', label: 'The first probe' },
  { id: 'smallest', label: 'The one with the smallest RTT' },
  { id: 'last', label: 'The last probe' },
  { id: 'average', label: 'The average of all of them' },
];

const setPrediction: Prediction = {
  id: 'set-to',
  question: 'When the REPLY arrives, what will the client set its clock to?',
  choices: () => [
    { id: 'ts', label: 'Ts: the server’s reading' },
    { id: 'half', label: 'Ts + RTT/2' },
    { id: 'full', label: 'Ts + RTT' },
    { id: 'own', label: 'Its own clock: it is only 0.5 s off' },
  ],
  outcome(ctx) {
    const e = ctx.events[ctx.at];
    const client = e?.type === 'send' ? e.to : clientsOf(ctx)[0];
    const sync = syncsAfter(ctx.events, ctx.at + 1, client)[0];
    if (!sync) return null;
    const elapsed = sync.before - sync.t1;
    const set = sync.after - elapsed;
    const candidates: [string, number][] = [
      ['ts', sync.ts],
      ['half', sync.ts + sync.rtt / 2],
      ['full', sync.ts + sync.rtt],
      ['own', sync.before - elapsed],
    ];
    const [choice] = candidates.reduce((best, c) => (Math.abs(c[1] - set) < Math.abs(best[1] - set) ? c : best));
    return {
      choice,
      why: `It set ${sec(sync.after)} s = ${formula(sync).replace(/ = [^=]*$/, '')}: half the round trip is its best guess of how long the reply took.`,
    };
  },
};

const nextPrediction: Prediction = {
  id: 'next-correction',
  question: 'At the next sync, 5 s later, how big will the correction be compared with this one?',
  choices: () => [
    { id: 'smaller', label: 'Smaller: only the drift since this sync' },
    { id: 'same', label: 'About the same' },
    { id: 'larger', label: 'Larger' },
  ],
  outcome(ctx) {
    const e = ctx.events[ctx.at];
    const client = e && 'node' in e ? e.node : clientsOf(ctx)[0];
    const [first, second] = syncsAfter(ctx.events, ctx.at, client);
    if (!first || !second) return null;
    const a = Math.abs(first.deltaMs);
    const b = Math.abs(second.deltaMs);
    const choice = b < 0.8 * a ? 'smaller' : b > 1.25 * a ? 'larger' : 'same';
    return {
      choice,
      why: `The second correction was ${signed(second.deltaMs)} against ${signed(first.deltaMs)}: after a sync only the drift since (${ms1((second.t - first.t) / 1000)} s at the clock's rate) is left to correct.`,
    };
  },
};

const syncNarration = (ctx: StepContext, s: SyncAt): string =>
  `${ctx.nameOf(s.client)}: REPLY arrived at T1 = ${sec(s.t1)} s on its own clock. RTT = T1 − T0 = ${sec(s.t1)} − ${sec(s.t0)} = ${sec(s.rtt)} s. ` +
  `Its clock read ${sec(s.before)} s; it ${s.deltaMs < 0 ? 'stepped back' : 'moved forward'} ${signed(s.deltaMs)} to ${sec(s.after)} s. ` +
  `The reply took between min = ${ms1(settingsOf(ctx).minDelayMs)} ms and RTT − min, so the error is within ±(RTT/2 − min) = ±${ms1(s.boundMs)} ms; it is now ${signed(s.errorVsServerMs)} from the server.`;

const crashServer: Challenge = {
  id: 'crash-server',
  task: 'Crash the time server (click it, then Crash): a client’s next round gets no reply, and it must leave its clock alone.',
  check(ctx) {
    const server = settingsOf(ctx).serverId;
    const crash = indexAfter(ctx.events, ctx.since, (e) => e.type === 'crash' && e.node === server);
    if (crash < 0) return null;
    const failed = indexAfter(ctx.events, crash, isNote('cristian-failed'));
    if (failed < 0) return { done: false, text: `${ctx.nameOf(server)} is down; waiting for a client's next round…` };
    const e = ctx.events[failed] as Extract<TraceEvent, { type: 'note' }>;
    return { done: true, text: `${ctx.nameOf(e.node)} got no reply and left its clock alone: correct.` };
  },
};

function lastSyncBefore(ctx: StepContext): SyncAt | undefined {
  return syncsAfter(ctx.events.slice(0, ctx.at + 1), 0).at(-1);
}

export const cristianBasicLesson: Lesson = {
  preset: 'cristian-basic',
  question: 'Q1',
  title: "Cristian's algorithm",
  blurb: 'One time server and one client with a fast clock: T0, Ts, T1, RTT and Ts + RTT/2 with the run’s own numbers.',
  steps: [
    {
      title: 'A server and a client',
      cue: null,
      narrate(ctx) {
        const [client] = clientsOf(ctx);
        const spec = ctx.scenario.nodes.find((n) => n.id === client);
        const s = settingsOf(ctx);
        return {
          text:
            `${ctx.nameOf(s.serverId)} is the reference. ${spec?.name ?? 'The client'}'s clock starts ${signed(spec?.clock.offsetMs ?? 0)} off and runs at ${ppm(spec?.clock.driftPpm ?? 0)}: ` +
            `${ms1(Math.abs(spec?.clock.driftPpm ?? 0) / 1000)} ms gained or lost every second. Every ${sec(s.periodMs)} s it asks the server for the time. ` +
            'Three readings matter: T0, the client’s clock when it sends; Ts, the server’s clock when it answers; T1, the client’s clock when the answer arrives.',
          watch: 'Next: the client sends its first REQUEST.',
        };
      },
    },
    {
      title: 'REQUEST at T0',
      cue: { label: 'the client sends REQUEST', matches: (e) => e.type === 'send' && e.kind === 'REQUEST' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Send;
        return {
          text: `At true time ${sec(e.t)} s the client's clock reads T0 = ${sec(e.local)} s (it is ${signed(e.local - e.t)} off). It sends REQUEST to ${ctx.nameOf(e.to)} and notes T0.`,
          watch: 'The REQUEST crossing to the server.',
        };
      },
    },
    {
      title: 'The server answers Ts',
      cue: { label: 'the server sends its REPLY', matches: (e) => e.type === 'send' && e.kind === 'REPLY' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Send;
        const ts = msgNum(e.msg, 'ts');
        return {
          text: `${ctx.nameOf(e.node)} read its clock when the REQUEST came: Ts = ${sec(ts)} s, and sends it back. The client cannot know how long this REPLY will take; it only measures the whole round trip.`,
          watch: 'Predict what the client will do with Ts.',
        };
      },
      predict: setPrediction,
    },
    {
      title: 'RTT and Ts + RTT/2',
      cue: { label: 'the client sets its clock', matches: (e) => e.type === 'note' && e.topic === 'cristian-sync' },
      narrate(ctx) {
        const s = syncsAfter(ctx.events, ctx.at)[0] as SyncAt;
        return { text: syncNarration(ctx, s), formula: formula(s), watch: 'The client drifts again at its own rate until the next sync.' };
      },
      predict: nextPrediction,
    },
    {
      title: 'The next sync',
      cue: { label: 'the next sync', matches: (e) => e.type === 'note' && e.topic === 'cristian-sync' },
      narrate(ctx) {
        const s = syncsAfter(ctx.events, ctx.at)[0] as SyncAt;
        const spec = ctx.scenario.nodes.find((n) => n.id === s.client);
        const prev = syncsAfter(ctx.events.slice(0, ctx.at), 0, s.client).at(-1);
        const span = prev ? s.t - prev.t : 0;
        return {
          text: `${syncNarration(ctx, s)} Since the last sync ${sec(span)} s passed: at ${ppm(spec?.clock.driftPpm ?? 0)} that is about ${ms1((Math.abs(spec?.clock.driftPpm ?? 0) * span) / 1e6)} ms of drift to undo.`,
          formula: formula(s),
          watch: 'Cristian corrects the reading, not the rate: the clock keeps drifting between syncs.',
        };
      },
    },
    {
      title: 'Drift, sync, drift',
      cue: { label: 'the third sync', matches: (e) => e.type === 'note' && e.topic === 'cristian-sync' },
      narrate(ctx) {
        const all = syncsAfter(ctx.events.slice(0, ctx.at + 1), 0);
        const s = all.at(-1) as SyncAt;
        const offset = clockAt(ctx.events, ctx.at + 1, s.client, s.t) - s.t;
        return {
          text: `Corrections so far: ${all.map((x) => signed(x.deltaMs)).join(', ')}. After each one the client is within its bound of the server (now ${signed(s.errorVsServerMs)}, bound ±${ms1(s.boundMs)} ms), ${signed(offset)} from true time; between syncs it drifts away again.`,
          watch: 'Next: what the lab printed.',
        };
      },
    },
    {
      title: 'As the lab printed it',
      cue: null,
      narrate(ctx) {
        const s = lastSyncBefore(ctx);
        return {
          text: `The lab's client printed "Synchronized process client time" but never set its clock, and it ran on localhost where the round trip was 0.4 ms, so every error looked tiny. Here the links take ${ms1(settingsOf(ctx).minDelayMs)} ms or more each way and the client really steps its clock${s ? ` (last: ${signed(s.deltaMs)})` : ''}.`,
          watch: 'Try the challenges below: they are checked against the run.',
        };
      },
    },
  ],
  lab: {
    program: 'q1_server.py and q1_client.py (the report’s Server.py and Client.py)',
    output: [
      ':|> Time returned by server: 2021-06-05 14:11:20.615233',
      ':|> Process Delay latency: 0.000491543999487476 seconds',
      ':|> Actual clock time at client side: 2021-06-05 14:11:20.615614',
      ':|> Synchronized process client time: 2021-06-05 14:11:20.615479',
      ':|> Synchronization error : 0.000135 seconds',
      ':|> Time returned by server: 2021-06-05 14:11:26.007593',
      ':|> Process Delay latency: 0.0004288669997549732 seconds',
      ':|> Actual clock time at client side: 2021-06-05 14:11:26.007874',
      ':|> Synchronized process client time: 2021-06-05 14:11:26.007807',
      ':|> Synchronization error : 6.7e-05 seconds',
    ].join('\n'),
    ours: (ctx) => cristianOutput(ctx),
    wrong: [
      'The client never sets its clock: it prints Ts + latency/2 and exits.',
      'Everything ran on one machine (127.0.0.1): the round trip was under a millisecond and both "clocks" were the same clock, so the printed error says nothing.',
      'The "synchronization error" compares the client’s clock with Ts + RTT/2 after the fact, not with the server’s clock or true time.',
    ],
  },
  challenges: [
    crashServer,
    {
      id: 'slow-client',
      task: 'Give the client a slow clock: select it and set its drift to −50,000 ppm. Its corrections must change sign.',
      check(ctx) {
        const clients = clientsOf(ctx);
        const act = indexAfter(
          ctx.events,
          ctx.since,
          (e) => e.type === 'action' && e.action.type === 'drift' && e.action.ppm < 0 && clients.includes(e.action.node),
        );
        if (act < 0) return null;
        const a = (ctx.events[act] as Extract<TraceEvent, { type: 'action' }>).action as { node: NodeId };
        // The first sync after the change may still undo fast drift from before it.
        const later = syncsAfter(ctx.events, act, a.node).find((s) => s.deltaMs > 0);
        if (!later) return { done: false, text: `${ctx.nameOf(a.node)} now runs slow; waiting for a sync that moves it forward…` };
        return {
          done: true,
          text: `${ctx.nameOf(a.node)}'s clock was moved forward ${signed(later.deltaMs)}: a slow clock is pushed ahead. Correct.`,
        };
      },
    },
  ],
};

/** Our run in the lab client's format: one block per sync. */
function cristianOutput(ctx: RunContext): string {
  return syncsAfter(ctx.events, 0)
    .map((s) =>
      [
        `:|> Synchronising now :- ${ctx.nameOf(s.client)}`,
        `:|> Time returned by server: ${sec(s.ts)} s`,
        `:|> Process Delay latency: ${(s.rtt / 1000).toFixed(6)} seconds`,
        `:|> Actual clock time at client side: ${sec(s.before)} s`,
        `:|> Synchronized process client time: ${sec(s.after)} s`,
        `:|> Synchronization error : ${(s.errorVsServerMs / 1000).toFixed(6)} seconds (against the server's clock)`,
      ].join('\n'),
    )
    .join('\n');
}

/** The first sync of each client at or after `from`. */
function firstSyncs(ctx: RunContext, from: number): Map<NodeId, SyncAt> {
  const firsts = new Map<NodeId, SyncAt>();
  for (const s of syncsAfter(ctx.events, from)) if (!firsts.has(s.client)) firsts.set(s.client, s);
  return firsts;
}

export const cristianBuddyLesson: Lesson = {
  preset: 'cristian-manipal-buddy',
  question: 'Q4',
  title: 'Cristian: MOBILE and LAPTOP at once',
  blurb: 'Mr Vinay’s MOBILE on slow mobile data and LAPTOP on Wi-Fi sync at the same time: the slow link pays in accuracy.',
  steps: [
    {
      title: 'Two devices, two links',
      cue: null,
      narrate(ctx) {
        const s = settingsOf(ctx);
        const parts = clientsOf(ctx).map((id) => {
          const spec = ctx.scenario.nodes.find((n) => n.id === id);
          const link = ctx.scenario.network.links.find((l) => l.from === id || l.to === id);
          const d = ctx.scenario.network.defaults;
          const lat = link?.latencyMs ?? d.latencyMs;
          const jit = link?.jitterMs ?? d.jitterMs;
          return `${spec?.name}: clock ${signed(spec?.clock.offsetMs ?? 0)}, ${ppm(spec?.clock.driftPpm ?? 0)}, link ${lat} ms + up to ${jit} ms each way`;
        });
        return {
          text: `Mr Vinay registers on both devices at once, and both must agree on the time. ${parts.join('; ')}. Each round sends ${s.probes} probes one after another and keeps the best.`,
          watch: 'Predict, then press Next: both devices start their first round.',
        };
      },
      predict: {
        id: 'wider',
        question: 'Whose error bound ±(RTT/2 − min) will be wider after the first sync?',
        choices: (ctx) => clientsOf(ctx).map((id) => ({ id: String(id), label: ctx.nameOf(id) })),
        outcome(ctx) {
          const firsts = [...firstSyncs(ctx, ctx.at + 1).values()];
          if (firsts.length < clientsOf(ctx).length) return null;
          const widest = firsts.reduce((a, b) => (b.boundMs > a.boundMs ? b : a));
          return {
            choice: String(widest.client),
            why: `Bounds: ${firsts.map((f) => `${ctx.nameOf(f.client)} ±${ms1(f.boundMs)} ms (RTT ${ms1(f.rtt)} ms)`).join(', ')}. A slower link means a longer round trip and more room for the reply's delay to be uneven.`,
          };
        },
      },
    },
    {
      title: 'Both ask at once',
      cue: { label: 'the first REQUEST', matches: (e) => e.type === 'send' && e.kind === 'REQUEST' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Send;
        const same = after(ctx.events, ctx.at, isSend('REQUEST')).filter((x) => Math.abs(x.t - e.t) < 50 && x.node !== e.node);
        return {
          text: `${ctx.nameOf(e.node)} sends REQUEST at T0 = ${sec(e.local)} s on its own clock${same.length > 0 ? `; ${same.map((x) => `${ctx.nameOf(x.node)} at ${sec(x.local)} s on its own`).join(', ')}` : ''}. The server answers each request on its own: the two devices do not disturb each other.`,
          watch: 'The fast link answers first.',
        };
      },
    },
    {
      title: 'The fast device syncs first',
      cue: { label: 'the first device syncs', matches: (e) => e.type === 'note' && e.topic === 'cristian-sync' },
      narrate(ctx) {
        const s = syncsAfter(ctx.events, ctx.at)[0] as SyncAt;
        const rtts = probeRtts(ctx, s);
        return {
          text: `${ctx.nameOf(s.client)}'s ${rtts.length} probes took ${rtts.map(ms1).join(', ')} ms; it kept the smallest. ${syncNarration(ctx, s)}`,
          formula: formula(s),
          watch: 'The other device is still probing over its slow link.',
        };
      },
      predict: {
        id: 'kept',
        question: 'The other device is still probing. Which of its probes will it keep?',
        choices: () => keptChoices,
        outcome(ctx) {
          const e = ctx.events[ctx.at];
          const first = e && 'node' in e ? e.node : null;
          const other = syncsAfter(ctx.events, ctx.at + 1).find((s) => s.client !== first);
          return other ? keptOutcome(ctx, other) : null;
        },
      },
    },
    {
      title: 'The slow device syncs',
      cue: {
        label: 'the second device syncs',
        matches: (e, ctx) =>
          e.type === 'note' && e.topic === 'cristian-sync' && indexAfter(ctx.events, 0, isNote('cristian-sync', e.node)) === ctx.index,
      },
      narrate(ctx) {
        const s = syncsAfter(ctx.events, ctx.at)[0] as SyncAt;
        const rtts = probeRtts(ctx, s);
        return {
          text: `${ctx.nameOf(s.client)}'s probes took ${rtts.map(ms1).join(', ')} ms; it kept ${ms1(s.rtt)} ms. ${syncNarration(ctx, s)}`,
          formula: formula(s),
          watch: 'Compare the two bounds: the same algorithm, a different link.',
        };
      },
    },
    {
      title: 'How far apart are the two devices?',
      cue: {
        label: 'both devices sync a second time',
        matches: (e, ctx) => {
          if (e.type !== 'note' || e.topic !== 'cristian-sync') return false;
          const counts = new Map<NodeId, number>();
          for (const s of syncsAfter(ctx.events.slice(0, ctx.index + 1), 0)) counts.set(s.client, (counts.get(s.client) ?? 0) + 1);
          return clientsOf(ctx).every((c) => (counts.get(c) ?? 0) >= 2);
        },
      },
      narrate(ctx) {
        const clients = clientsOf(ctx);
        const t = (ctx.events[ctx.at] as TraceEvent).t;
        const offsets = clients.map((c) => ({ c, off: clockAt(ctx.events, ctx.at + 1, c, t) - t }));
        const last = clients.map((c) => syncsAfter(ctx.events.slice(0, ctx.at + 1), 0, c).at(-1) as SyncAt);
        const [a, b] = offsets;
        return {
          text: `Second round done. Latest bounds: ${last.map((s) => `${ctx.nameOf(s.client)} ±${ms1(s.boundMs)} ms`).join(', ')}. Right now ${offsets.map((o) => `${ctx.nameOf(o.c)} is ${signed(o.off)}`).join(' and ')} from true time${a && b ? `: the two devices differ by ${ms1(Math.abs(a.off - b.off))} ms` : ''}. Each is close to the server only within its own bound.`,
          watch: 'Next: what the lab printed.',
        };
      },
    },
    {
      title: 'As the lab printed it',
      cue: null,
      narrate: () => ({
        text: 'The lab ran MOBILE and LAPTOP as two scripts on the same computer, one after another by hand: both saw a 1 ms round trip and no clock was ever set. Here the MOBILE really is on a slower link, and it shows in its bound.',
        watch: 'Try the challenges below: they are checked against the run.',
      }),
    },
  ],
  lab: {
    program: 'q4_server.py, q4_client_MOBILE.py, q4_client_LAPTOP.py',
    output: [
      ':|> Synchronising now :- MOBILE',
      ':|> Time returned by server: 2021-06-05 17:24:52.409752',
      ':|> Process Delay latency: 0.0007716250001976732 seconds',
      ':|> Actual clock time at client side: 2021-06-05 17:24:52.410314',
      ':|> Synchronized process client time: 2021-06-05 17:24:52.410138',
      ':|> Synchronization error : 0.000176 seconds.',
      ':|> Synchronising now :- LAPTOP',
      ':|> Time returned by server: 2021-06-05 17:24:51.218912',
      ':|> Process Delay latency: 0.0013924949998909142 seconds',
      ':|> Actual clock time at client side: 2021-06-05 17:24:51.220057',
      ':|> Synchronized process client time: 2021-06-05 17:24:51.219608',
      ':|> Synchronization error : 0.000449 seconds.',
    ].join('\n'),
    ours: (ctx) => cristianOutput(ctx),
    wrong: [
      'The two devices ran on one computer over 127.0.0.1: "mobile data" and "Wi-Fi" had the same sub-millisecond delay.',
      'Neither client sets its clock; and the report’s server calls s.bind("", port), which fails before it serves anyone.',
      'One probe per sync: with a slow, jittery link, keeping the smallest of several round trips is what makes the bound tight.',
    ],
  },
  challenges: [
    {
      id: 'cut-mobile',
      task: "Cut MOBILE's link: click the line between MOBILE and the server, then Cut link. MOBILE's next round gets no reply; LAPTOP keeps syncing.",
      check(ctx) {
        const server = settingsOf(ctx).serverId;
        const mobile = ctx.scenario.nodes.find((n) => n.name === 'MOBILE')?.id ?? (clientsOf(ctx)[0] as NodeId);
        const cut = indexAfter(ctx.events, ctx.since, (e) => {
          if (e.type !== 'action') return false;
          const a = e.action;
          if (a.type === 'link')
            return (a.patch.up === false || a.patch.loss === 1) && [a.from, a.to].includes(mobile) && [a.from, a.to].includes(server);
          if (a.type === 'partition') return !a.groups.some((g) => g.includes(mobile) && g.includes(server));
          return false;
        });
        if (cut < 0) return null;
        const failed = indexAfter(ctx.events, cut, isNote('cristian-failed', mobile));
        if (failed < 0) return { done: false, text: `${ctx.nameOf(mobile)} is cut off; waiting for its next round…` };
        const laptop = syncsAfter(ctx.events, cut).find((s) => s.client !== mobile);
        return {
          done: true,
          text: `${ctx.nameOf(mobile)} got no reply and left its clock alone${laptop ? `, while ${ctx.nameOf(laptop.client)} kept syncing` : ''}: correct.`,
        };
      },
    },
    crashServer,
  ],
};
