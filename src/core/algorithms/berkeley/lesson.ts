// Lessons Q2 (berkeley-basic) and Q3 (berkeley-canteen): Berkeley's algorithm walked through
// on the real run: the poll, each offset Tn + RTT/2 − T1, the fault-tolerant average, the
// relative adjustments. Numbers come from the trace's `berkeley-cycle` notes and sends.

import { type CycleAt, cyclesAfter } from '../../lesson/clocks.ts';
import { after, indexAfter, isSend, ms1, msgNum, sec, signed } from '../../lesson/read.ts';
import type { Challenge, Lesson, RunContext, StepContext } from '../../lesson/types.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';
import type { BerkeleySettings } from './machine.ts';

const settingsOf = (ctx: RunContext): BerkeleySettings => ctx.scenario.algorithm.settings as BerkeleySettings;
const slavesOf = (ctx: RunContext): NodeId[] => ctx.scenario.nodes.map((n) => n.id).filter((id) => id !== settingsOf(ctx).masterId);
const ppm = (x: number): string => `${x < 0 ? '−' : '+'}${Math.abs(x).toLocaleString('en-GB')} ppm`;
const isCycle = (e: TraceEvent): boolean => e.type === 'note' && e.topic === 'berkeley-cycle';

/** The cycle whose note is the event at `at`. */
const cycleAt = (ctx: StepContext): CycleAt => cyclesAfter(ctx.events, ctx.at)[0] as CycleAt;

function averageFormula(ctx: RunContext, c: CycleAt): string {
  const used = c.readings.filter((r) => !r.ignored);
  return `average = (${used.map((r) => `${ctx.nameOf(r.node)} ${signed(r.offsetMs)}`).join(' + ')}) / ${used.length} = ${signed(c.averageMs)}`;
}

function cycleNarration(ctx: RunContext, c: CycleAt): string {
  const ignored = c.readings.filter((r) => r.ignored);
  const readings = c.readings.map((r) => `${ctx.nameOf(r.node)} ${signed(r.offsetMs)}`).join(', ');
  const adjust = c.readings.map((r) => `${ctx.nameOf(r.node)} ${signed(r.adjustmentMs ?? 0)}`).join(', ');
  return (
    `Cycle ${c.cycle} at ${sec(c.t)} s. Offsets from the master's clock (the master's own is 0): ${readings}. ` +
    (ignored.length > 0
      ? `${ignored.map((r) => ctx.nameOf(r.node)).join(' and ')} ${ignored.length === 1 ? 'is' : 'are'} more than ${ms1(c.thresholdMs)} ms from the rest and left out of the average. `
      : `All are within ${ms1(c.thresholdMs)} ms of each other: none is left out. `) +
    `Each node gets average − its offset: ${adjust}.`
  );
}

/** How a node applied an adjustment (a `berkeley-adjust` note): slewed over time, or stepped when too big to slew in a period. */
function adjustNarration(ctx: RunContext, e: Extract<TraceEvent, { type: 'note' }>): { text: string; formula?: string } {
  const delta = Number(e.data?.['deltaMs']);
  const before = Number(e.data?.['before']);
  const after = Number(e.data?.['after']);
  const rate = ctx.scenario.slewRate;
  if (e.data?.['mode'] === 'step') {
    const why = typeof e.data['reason'] === 'string' ? ` (${e.data['reason']})` : '';
    return {
      text: `${ctx.nameOf(e.node)} got ${signed(delta)} and steps its clock at once, ${sec(before)} s → ${sec(after)} s${why}. A step is quick but makes time jump; a slew never runs a clock backwards.`,
    };
  }
  return {
    text: `${ctx.nameOf(e.node)} got ${signed(delta)}. It slews: its clock runs ${ms1(rate * 100)}% ${delta < 0 ? 'slow' : 'fast'} for ${sec(Math.abs(delta) / rate)} s until the ${ms1(Math.abs(delta))} ms are absorbed, so time never jumps or runs backwards.`,
    formula: `|δ| / slew rate = ${ms1(Math.abs(delta))} ms / ${rate} = ${sec(Math.abs(delta) / rate)} s`,
  };
}

/** "It stepped its clock…" / "Slewing … takes … s", for the node's first adjustment after trace index `from`. */
function howApplied(ctx: RunContext, node: NodeId, from: number): string {
  const i = indexAfter(ctx.events, from, (e) => e.type === 'note' && e.topic === 'berkeley-adjust' && e.node === node);
  const e = ctx.events[i];
  if (!e || e.type !== 'note') return '';
  const delta = Number(e.data?.['deltaMs']);
  return e.data?.['mode'] === 'step'
    ? `Its ${signed(delta)} correction was too big to slew within a period, so it stepped at once.`
    : `Its ${signed(delta)} correction is slewed at ${ms1(ctx.scenario.slewRate * 100)}%: ${sec(Math.abs(delta) / ctx.scenario.slewRate)} s to absorb.`;
}

function cycleCue(n: number, label: string) {
  return {
    label,
    matches: (e: TraceEvent, ctx: { events: readonly TraceEvent[]; index: number }) =>
      isCycle(e) && cyclesAfter(ctx.events.slice(0, ctx.index + 1), 0).length === n,
  };
}

const pollStep = {
  title: 'The master polls',
  cue: { label: 'the master sends POLL', matches: (e: TraceEvent) => e.type === 'send' && e.kind === 'POLL' },
  narrate(ctx: StepContext) {
    const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'send' }>;
    const polls = after(ctx.events, ctx.at, isSend('POLL', e.node)).filter((p) => p.t === e.t);
    return {
      text: `At ${sec(e.local)} s on its clock (T0) ${ctx.nameOf(e.node)} sends POLL to ${polls.map((p) => ctx.nameOf(p.to)).join(', ')}. Each answers TIME with its own clock reading Tn; the master notes T1 when the answer arrives.`,
      watch: 'The TIME replies coming back.',
    };
  },
};

const offsetStep = {
  title: 'Each offset, corrected by half the round trip',
  cue: { label: 'the first TIME reply arrives', matches: (e: TraceEvent) => e.type === 'deliver' && e.kind === 'TIME' },
  narrate(ctx: StepContext) {
    const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'deliver' }>;
    let send: Extract<TraceEvent, { type: 'send' }> | undefined;
    let poll: Extract<TraceEvent, { type: 'send' }> | undefined;
    for (let i = ctx.at; i >= 0; i--) {
      const x = ctx.events[i] as TraceEvent;
      if (!send && x.type === 'send' && x.msgId === e.msgId) send = x;
      if (x.type === 'send' && x.kind === 'POLL' && x.to === e.from && x.node === e.node) {
        poll = x;
        break;
      }
    }
    const tn = send ? msgNum(send.msg, 'clockMs') : NaN;
    const t0 = poll?.local ?? NaN;
    const rtt = e.local - t0;
    const offset = tn + rtt / 2 - e.local;
    return {
      text: `${ctx.nameOf(e.from)} answered Tn = ${sec(tn)} s. The master sent its POLL at T0 = ${sec(t0)} s and got the answer at T1 = ${sec(e.local)} s, so RTT = ${ms1(rtt)} ms. Assuming the answer took half of that, ${ctx.nameOf(e.from)}'s clock is ${signed(offset)} from the master's.`,
      formula: `offset = Tn + RTT/2 − T1 = ${sec(tn)} + ${sec(rtt / 2)} − ${sec(e.local)} = ${signed(offset)}`,
      watch: 'Once every node has answered, the master averages.',
    };
  },
};

const crashSlave: Challenge = {
  id: 'crash-slave',
  task: 'Crash one slave (click it, then Crash). The next cycle must go on without it.',
  check(ctx) {
    const slaves = slavesOf(ctx);
    const crash = indexAfter(ctx.events, ctx.since, (e) => e.type === 'crash' && slaves.includes(e.node));
    if (crash < 0) return null;
    const node = (ctx.events[crash] as Extract<TraceEvent, { type: 'crash' }>).node;
    const next = cyclesAfter(ctx.events, crash)[0];
    if (!next) return { done: false, text: `${ctx.nameOf(node)} is down; waiting for the next cycle…` };
    return next.missing.includes(node)
      ? {
          done: true,
          text: `Cycle ${next.cycle} averaged the ${next.readings.length} clocks that answered and left ${ctx.nameOf(node)} out: correct.`,
        }
      : { done: false, text: `Cycle ${next.cycle} still counted ${ctx.nameOf(node)}.` };
  },
};

/** A drift change on a slave, then a cycle that pulls it back against the change. */
function driftChallenge(id: string, task: string, nodeName: string | null, minPpm: number): Challenge {
  return {
    id,
    task,
    check(ctx) {
      const target = nodeName === null ? null : (ctx.scenario.nodes.find((n) => n.name === nodeName)?.id ?? null);
      const act = indexAfter(
        ctx.events,
        ctx.since,
        (e) =>
          e.type === 'action' &&
          e.action.type === 'drift' &&
          Math.abs(e.action.ppm) >= minPpm &&
          (target === null || e.action.node === target),
      );
      if (act < 0) return null;
      const a = (ctx.events[act] as Extract<TraceEvent, { type: 'action' }>).action as { node: NodeId; ppm: number };
      // The first cycle after the change may still see little of it; the one after shows it.
      const pulled = cyclesAfter(ctx.events, act).find((c) => {
        const r = c.readings.find((x) => x.node === a.node);
        return r !== undefined && Math.sign(r.adjustmentMs ?? 0) === -Math.sign(a.ppm) && Math.abs(r.adjustmentMs ?? 0) >= 100;
      });
      if (!pulled) return { done: false, text: `${ctx.nameOf(a.node)} now drifts at ${ppm(a.ppm)}; waiting for a cycle to pull it back…` };
      const r = pulled.readings.find((x) => x.node === a.node);
      return {
        done: true,
        text: `Cycle ${pulled.cycle}: ${ctx.nameOf(a.node)} read ${signed(r?.offsetMs ?? 0)}${r?.ignored ? ' (left out of the average)' : ''} and was sent ${signed(r?.adjustmentMs ?? 0)}: the master pulls it back every cycle. Correct.`,
      };
    },
  };
}

const labWrong = [
  'The master sends every slave the same absolute time, master_now + average, which is already stale when it arrives.',
  'The sign is inverted: it stores master − slave, so a fast slave pulls the time backwards for everyone; and the master’s own clock is not in the average.',
  'No round-trip correction, no outlier rule, dead slaves stay in the average, and the slaves only print the time: no clock is adjusted.',
];

export const berkeleyBasicLesson: Lesson = {
  preset: 'berkeley-basic',
  question: 'Q2',
  title: "Berkeley's algorithm",
  blurb: 'A master polls three slaves every 5 s, averages their offsets and sends each the adjustment it needs.',
  steps: [
    {
      title: 'A master and three slaves',
      cue: null,
      narrate(ctx) {
        const s = settingsOf(ctx);
        const parts = slavesOf(ctx).map((id) => {
          const spec = ctx.scenario.nodes.find((n) => n.id === id);
          return `${spec?.name} ${signed(spec?.clock.offsetMs ?? 0)}, ${ppm(spec?.clock.driftPpm ?? 0)}`;
        });
        return {
          text: `No clock here is "right": the master keeps the group together. Every ${sec(s.periodMs)} s it polls every clock, averages, and tells each node how much to move. Slaves: ${parts.join('; ')}. Adjustments are slewed: a clock runs ${ms1(ctx.scenario.slewRate * 100)}% fast or slow until absorbed, never backwards (one too big to absorb within a period is stepped).`,
          watch: 'Predict, then press Next: the first poll.',
        };
      },
      predict: {
        id: 'what-is-sent',
        question: 'What will the master send each slave?',
        choices: () => [
          { id: 'master-time', label: 'The master’s clock reading' },
          { id: 'average-time', label: 'The average time, the same for all' },
          { id: 'relative', label: 'How much that slave must move: average − its offset' },
        ],
        outcome(ctx) {
          const c = cyclesAfter(ctx.events, ctx.at + 1)[0];
          if (!c) return null;
          const adjusts = after(ctx.events, ctx.at + 1, isSend('ADJUST')).filter((s) => s.t === c.t);
          const deltas = new Set(adjusts.map((s) => ms1(msgNum(s.msg, 'deltaMs'))));
          const relative = adjusts.every((s) => {
            const r = c.readings.find((x) => x.node === s.to);
            return r !== undefined && Math.abs(msgNum(s.msg, 'deltaMs') - (c.averageMs - r.offsetMs)) < 1e-6;
          });
          return {
            choice: relative ? 'relative' : deltas.size === 1 ? 'average-time' : 'master-time',
            why: `The ADJUST messages carried ${adjusts.map((s) => `${ctx.nameOf(s.to)} ${signed(msgNum(s.msg, 'deltaMs'))}`).join(', ')}: a different amount each, average − offset. An amount does not go stale in transit; an absolute time would.`,
          };
        },
      },
    },
    pollStep,
    { ...offsetStep },
    {
      title: 'The average and the adjustments',
      cue: cycleCue(1, 'the master averages'),
      narrate(ctx) {
        const c = cycleAt(ctx);
        return { text: cycleNarration(ctx, c), formula: averageFormula(ctx, c), watch: 'The ADJUST messages, and each clock slewing.' };
      },
      predict: {
        id: 'spread',
        question: 'At the next cycle, will the clocks be closer together than now (the spread before this cycle)?',
        choices: () => [
          { id: 'closer', label: 'Closer together' },
          { id: 'same', label: 'About the same' },
          { id: 'further', label: 'Further apart' },
        ],
        outcome(ctx) {
          const [now, next] = cyclesAfter(ctx.events, ctx.at);
          if (!now || !next) return null;
          const a = now.spreadBeforeMs;
          const b = next.spreadBeforeMs;
          const choice = b < 0.8 * a ? 'closer' : b > 1.25 * a ? 'further' : 'same';
          return {
            choice,
            why: `Spread before cycle ${now.cycle}: ${ms1(a)} ms; before cycle ${next.cycle}: ${ms1(b)} ms (what is left is mostly ${sec(settingsOf(ctx).periodMs)} s of drift).`,
          };
        },
      },
    },
    {
      title: 'A slave adjusts',
      cue: {
        label: 'a slave applies its adjustment',
        matches: (e: TraceEvent, ctx) => e.type === 'note' && e.topic === 'berkeley-adjust' && e.node !== settingsOf(ctx).masterId,
      },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'note' }>;
        return { ...adjustNarration(ctx, e), watch: 'The offsets on the stage closing in.' };
      },
    },
    {
      title: 'The next cycle',
      cue: cycleCue(2, 'the second cycle'),
      narrate(ctx) {
        const c = cycleAt(ctx);
        const first = cyclesAfter(ctx.events, 0)[0];
        return {
          text: `${cycleNarration(ctx, c)} Spread before: cycle 1 ${ms1(first?.spreadBeforeMs ?? NaN)} ms, cycle ${c.cycle} ${ms1(c.spreadBeforeMs)} ms.`,
          formula: averageFormula(ctx, c),
          watch: 'The clocks stay together; together they may still drift away from true time.',
        };
      },
    },
    {
      title: 'As the lab printed it',
      cue: null,
      narrate: () => ({
        text: 'The lab master printed "New synchronization cycle started" and sent every slave the same absolute time, master_now + average difference, with the difference taken the wrong way round; the slaves printed it and never moved their clocks. We send each slave its own relative adjustment and apply it.',
        watch: 'Try the challenges below: they are checked against the run.',
      }),
    },
  ],
  lab: {
    program: 'q2_master.py and q2_slave.py (the report’s Server.py and Client.py)',
    output: [
      ' :|> New synchroniztion cycle started.',
      ' :|> Number of clients to be synchronized: 1',
      ' :|> Client Data updated with: 127.0.0.1:56766',
      ' :|> New synchroniztion cycle started.',
      ' :|> Number of clients to be synchronized: 2',
      ':|> synchronized time at the client is: 2021-06-05 17:17:53.940797',
    ].join('\n'),
    ours: berkeleyOutput,
    wrong: labWrong,
  },
  challenges: [
    crashSlave,
    driftChallenge(
      'slow-slave',
      'Give a slave a drift of −50,000 ppm (select it, set its drift): the master must pull it forward every cycle.',
      null,
      50_000,
    ),
  ],
};

function berkeleyOutput(ctx: RunContext): string {
  return cyclesAfter(ctx.events, 0)
    .map((c) =>
      [
        ` :|> New synchronization cycle ${c.cycle} started.`,
        ` :|> Number of clients to be synchronized: ${c.readings.length - 1}${c.missing.length > 0 ? ` (${c.missing.length} did not answer)` : ''}`,
        ...c.readings.map(
          (r) =>
            ` :|> ${ctx.nameOf(r.node)}: offset ${signed(r.offsetMs)}${r.ignored ? ' (ignored)' : ''}, adjustment ${signed(r.adjustmentMs ?? 0)}`,
        ),
        ` :|> Average: ${signed(c.averageMs)}`,
      ].join('\n'),
    )
    .join('\n');
}

export const berkeleyCanteenLesson: Lesson = {
  preset: 'berkeley-canteen',
  question: 'Q3',
  title: 'Berkeley: the canteen lines',
  blurb: 'The testing lab’s master clock keeps KMC, MIT, TAPMI and SOLS together, and leaves a clock far off out of the average.',
  steps: [
    {
      title: 'Four production lines',
      cue: null,
      narrate(ctx) {
        const parts = slavesOf(ctx).map((id) => {
          const spec = ctx.scenario.nodes.find((n) => n.id === id);
          return `${spec?.name} ${signed(spec?.clock.offsetMs ?? 0)}, ${ppm(spec?.clock.driftPpm ?? 0)}`;
        });
        return {
          text: `The master clock in ${ctx.nameOf(settingsOf(ctx).masterId)} polls the four lines every ${sec(settingsOf(ctx).periodMs)} s: ${parts.join('; ')}. A reading far from the others is more likely a broken clock than the truth, so the average leaves out readings more than ${ms1(settingsOf(ctx).thresholdMs)} ms from the rest.`,
          watch: 'Predict, then press Next.',
        };
      },
      predict: {
        id: 'left-out',
        question: 'Which line will the master leave out of the first average?',
        choices: (ctx) => [
          ...slavesOf(ctx).map((id) => ({ id: String(id), label: ctx.nameOf(id) })),
          { id: 'none', label: 'None of them' },
        ],
        outcome(ctx) {
          const c = cyclesAfter(ctx.events, ctx.at + 1)[0];
          if (!c) return null;
          const ignored = c.readings.filter((r) => r.ignored);
          const choice = ignored.length === 0 ? 'none' : String((ignored[0] as { node: NodeId }).node);
          return {
            choice,
            why:
              ignored.length === 0
                ? `Every reading was within ${ms1(c.thresholdMs)} ms of the rest.`
                : `${ignored.map((r) => `${ctx.nameOf(r.node)} read ${signed(r.offsetMs)}`).join(', ')}: more than ${ms1(c.thresholdMs)} ms from the others (${c.readings
                    .filter((r) => !r.ignored)
                    .map((r) => signed(r.offsetMs))
                    .join(', ')}).`,
          };
        },
      },
    },
    pollStep,
    {
      title: 'The outlier is left out',
      cue: cycleCue(1, 'the master averages'),
      narrate(ctx) {
        const c = cycleAt(ctx);
        return {
          text: cycleNarration(ctx, c),
          formula: averageFormula(ctx, c),
          watch: 'Left out of the average is not left alone: the outlier gets its correction too.',
        };
      },
      predict: {
        id: 'back-in',
        question: 'Will the line left out be back in the average at the next cycle?',
        choices: () => [
          { id: 'yes', label: 'Yes: its correction brings it back' },
          { id: 'no', label: 'No: it is still too far off' },
          { id: 'none', label: 'Nobody was left out' },
        ],
        outcome(ctx) {
          const [now, next] = cyclesAfter(ctx.events, ctx.at);
          if (!now || !next) return null;
          const out = now.readings.filter((r) => r.ignored).map((r) => r.node);
          if (out.length === 0) return { choice: 'none', why: `Cycle ${now.cycle} left nobody out.` };
          const still = next.readings.filter((r) => out.includes(r.node) && r.ignored);
          const node = out[0] as NodeId;
          const r = next.readings.find((x) => x.node === node);
          return {
            choice: still.length > 0 ? 'no' : 'yes',
            why: `In cycle ${next.cycle} ${ctx.nameOf(node)} read ${signed(r?.offsetMs ?? NaN)}. ${howApplied(ctx, node, now.index)}`,
          };
        },
      },
    },
    {
      title: 'The outlier is corrected',
      cue: {
        label: 'the outlier applies its adjustment',
        matches: (e: TraceEvent, ctx) => {
          if (e.type !== 'note' || e.topic !== 'berkeley-adjust') return false;
          const first = cyclesAfter(ctx.events.slice(0, ctx.index + 1), 0)[0];
          const out = first?.readings.filter((r) => r.ignored).map((r) => r.node) ?? [];
          return out.length > 0 ? out.includes(e.node) : e.node !== settingsOf(ctx).masterId;
        },
      },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'note' }>;
        return { ...adjustNarration(ctx, e), watch: 'The next cycle: is it back in the average?' };
      },
    },
    {
      title: 'Cycle 2',
      cue: cycleCue(2, 'the second cycle'),
      narrate(ctx) {
        const c = cycleAt(ctx);
        return { text: cycleNarration(ctx, c), formula: averageFormula(ctx, c), watch: 'Cycle by cycle the lines converge.' };
      },
    },
    {
      title: 'Cycle 3: converging',
      cue: cycleCue(3, 'the third cycle'),
      narrate(ctx) {
        const all = cyclesAfter(ctx.events.slice(0, ctx.at + 1), 0);
        const c = all.at(-1) as CycleAt;
        return {
          text: `${cycleNarration(ctx, c)} Spread before each cycle so far: ${all.map((x) => `${ms1(x.spreadBeforeMs)} ms`).join(', ')}.`,
          watch: 'Next: what the lab printed.',
        };
      },
    },
    {
      title: 'As the lab printed it',
      cue: null,
      narrate: () => ({
        text: 'In the lab each production line printed "Synchronized time at the client is KMC : 17:17:53.940797", the same absolute time for every line, already stale on arrival and computed with the sign of each difference inverted. No line ever changed its clock, and a far-off line would have dragged the average with it.',
        watch: 'Try the challenges below: they are checked against the run.',
      }),
    },
  ],
  lab: {
    program: 'q3_master.py and q3_client_{KMC,MIT,TAPMI,SOLS}.py',
    output: [
      ':|> Recent time sent successfully by KMC',
      ':|> Synchronized time at the client is KMC : 2021-06-05 17:17:53.940797',
      ':|> Recent time sent successfully by SOLS',
      ':|> Synchronized time at the client is SOLS : 2021-06-05 17:17:53.940758',
      ':|> Recent time sent successfully by TAPMI',
      ':|> Synchronized time at the client is TAPMI : 2021-06-05 17:17:53.940709',
    ].join('\n'),
    ours: berkeleyOutput,
    wrong: labWrong,
  },
  challenges: [
    driftChallenge(
      'mit-fast',
      'Give MIT +50,000 ppm (click MIT, set its drift to 50000): the master must pull it back every cycle.',
      'MIT',
      50_000,
    ),
    crashSlave,
  ],
};
