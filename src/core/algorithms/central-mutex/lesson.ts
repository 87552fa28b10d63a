// The lesson over mutex-central: a coordinator grants the critical section one process at a
// time (REQUEST, GRANT, RELEASE: 3 messages per entry), queues the rest, and takes back the
// grant of a holder that crashed inside when its lease runs out. Cues are predicates over
// trace events; every number and every answer is read from the run.

import { indexAfter, listNames, ms1, msgNum, sec } from '../../lesson/read.ts';
import type { Challenge, Lesson, Prediction, RunContext } from '../../lesson/types.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';
import { insideAt, notesOf, nthIndex, recoveredBefore, planSentence } from '../mutex-common/lesson-read.ts';
import type { CentralMutexSettings } from './machine.ts';

type Send = Extract<TraceEvent, { type: 'send' }>;
type Note = Extract<TraceEvent, { type: 'note' }>;

const KINDS = ['REQUEST', 'GRANT', 'RELEASE'];
const settingsOf = (ctx: RunContext): CentralMutexSettings => ctx.scenario.algorithm.settings as CentralMutexSettings;
const coordinatorOf = (ctx: RunContext): NodeId => settingsOf(ctx).coordinatorId;

/** The messages of one request (its REQUEST, GRANT and RELEASE carry its id), among the first `end` events. */
function messagesOf(events: readonly TraceEvent[], req: number, end = events.length): Send[] {
  const out: Send[] = [];
  for (let i = 0; i < Math.min(end, events.length); i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'send' && KINDS.includes(e.kind) && msgNum(e.msg, 'req') === req) out.push(e);
  }
  return out;
}

const reqOf = (n: Note): number => Number(n.data?.['req']);

/** "1 REQUEST + 1 GRANT + 1 RELEASE" */
function bill(sends: readonly Send[]): string {
  return KINDS.map((k) => `${sends.filter((s) => s.kind === k).length} ${k}`).join(' + ');
}

/** Each entry so far (cs-enter notes up to `end`), with the messages its request cost in the whole of `events`. */
function entries(ctx: RunContext, end: number): { node: NodeId; t: number; sends: Send[]; released: boolean }[] {
  return notesOf(ctx.events, 'cs-enter', 0, end).map(({ e }) => {
    const sends = messagesOf(ctx.events, reqOf(e));
    return { node: e.node, t: e.t, sends, released: sends.some((s) => s.kind === 'RELEASE') };
  });
}

const cost: Prediction = {
  id: 'cost',
  question: 'How many messages will the first entry cost, from asking to leaving?',
  choices: () => ['2', '3', '4', '8'].map((id) => ({ id, label: `${id} messages` })),
  outcome(ctx) {
    const asked = notesOf(ctx.events, 'cs-request', ctx.at + 1)[0];
    if (!asked) return null;
    const req = reqOf(asked.e);
    const release = indexAfter(ctx.events, asked.index, (e) => e.type === 'send' && e.kind === 'RELEASE' && msgNum(e.msg, 'req') === req);
    if (release < 0) return null;
    const sends = messagesOf(ctx.events, req, release + 1);
    return {
      choice: String(sends.length),
      why: `${ctx.nameOf(asked.e.node)}'s entry: ${bill(sends)} = ${sends.length}. Only the coordinator is asked, so the cost does not grow with the number of processes.`,
    };
  },
};

const afterCrash: Prediction = {
  id: 'after-crash',
  question: 'The holder crashed inside the critical section and will never send RELEASE. What will the coordinator do?',
  choices: () => [
    { id: 'forever', label: 'Wait for the RELEASE for ever: nobody enters again' },
    { id: 'at-once', label: 'Notice the crash and grant the next process at once' },
    { id: 'lease', label: 'Take the grant back when its lease runs out, then grant the next' },
  ],
  outcome(ctx) {
    const crash = ctx.events[ctx.at];
    if (crash?.type !== 'crash') return null;
    const coord = coordinatorOf(ctx);
    const next = indexAfter(
      ctx.events,
      ctx.at + 1,
      (e) => (e.type === 'note' && e.topic === 'lease-expired') || (e.type === 'send' && e.kind === 'GRANT' && e.node === coord),
    );
    if (next < 0) return null;
    const e = ctx.events[next] as TraceEvent;
    if (e.type === 'send') {
      return { choice: 'at-once', why: `${ctx.nameOf(coord)} granted ${ctx.nameOf(e.to)} ${ms1(e.t - crash.t)} ms after the crash.` };
    }
    const grant = indexAfter(ctx.events, next, (x) => x.type === 'send' && x.kind === 'GRANT' && x.node === coord);
    const to = grant >= 0 ? ` and granted ${ctx.nameOf((ctx.events[grant] as Send).to)}` : '';
    return {
      choice: 'lease',
      why: `Nobody tells a coordinator that a process crashed. ${ms1(e.t - crash.t)} ms after the crash its lease on ${ctx.nameOf(crash.node)}'s grant ran out: ${ctx.nameOf(coord)} took the grant back${to}.`,
    };
  },
};

const coordinatorDown: Challenge = {
  id: 'coordinator-down',
  task: 'Crash the coordinator P1 (click it, then Crash), make P2 ask (its inspector’s Request), then recover P1. Nobody can enter while P1 is down; once it is back and its quiet is over, P2’s repeated REQUEST is granted.',
  check(ctx) {
    const coord = coordinatorOf(ctx);
    const crash = indexAfter(ctx.events, ctx.since, (e) => e.type === 'crash' && e.node === coord);
    if (crash < 0) return null;
    const ask = notesOf(ctx.events, 'cs-request', crash).find((n) => n.e.node !== coord);
    if (!ask) return { done: false, text: `${ctx.nameOf(coord)} is down. Now make a process ask for the critical section (Request).` };
    const who = ask.e.node;
    const back = indexAfter(ctx.events, crash, (e) => e.type === 'boot' && e.node === coord && e.recovered);
    if (back < 0)
      return {
        done: false,
        text: `${ctx.nameOf(who)} asks and waits: no GRANT can come while ${ctx.nameOf(coord)} is down. Now recover ${ctx.nameOf(coord)}.`,
      };
    const enter = notesOf(ctx.events, 'cs-enter', back, ctx.events.length, who)[0];
    if (!enter)
      return {
        done: false,
        text: `${ctx.nameOf(coord)} is back with an empty queue and grants nothing for a lease; ${ctx.nameOf(who)} repeats its REQUEST…`,
      };
    const repeats = messagesOf(ctx.events, reqOf(ask.e), enter.index).filter((s) => s.kind === 'REQUEST').length;
    const backAt = (ctx.events[back] as TraceEvent).t;
    return {
      done: true,
      text: `${ctx.nameOf(who)} sent REQUEST ${repeats} time${repeats === 1 ? '' : 's'} and entered at ${sec(enter.e.t)} s, ${ms1(enter.e.t - backAt)} ms after ${ctx.nameOf(coord)} came back: correct. While the coordinator was down, nobody could enter.`,
    };
  },
};

const coordinatorAsks: Challenge = {
  id: 'coordinator-asks',
  task: 'Make the coordinator P1 itself ask (its inspector’s Request): how many messages does its entry cost?',
  check(ctx) {
    const coord = coordinatorOf(ctx);
    const ask = notesOf(ctx.events, 'cs-request', ctx.since, ctx.events.length, coord)[0];
    if (!ask) return null;
    const enter = notesOf(ctx.events, 'cs-enter', ask.index, ctx.events.length, coord)[0];
    if (!enter) return { done: false, text: `${ctx.nameOf(coord)} waits in its own queue…` };
    const sends = messagesOf(ctx.events, reqOf(ask.e));
    return {
      done: sends.length === 0,
      text:
        sends.length === 0
          ? `${ctx.nameOf(coord)} entered at ${sec(enter.e.t)} s with 0 messages: it grants itself. Correct.`
          : `${ctx.nameOf(coord)} entered after ${sends.length} messages.`,
    };
  },
};

/** Our run in the style of the lab's programs (" :|> …" lines). */
function labLines(ctx: RunContext): string {
  const coord = coordinatorOf(ctx);
  const lines: string[] = [];
  for (const e of ctx.events) {
    if (e.type === 'crash') lines.push(` :|> Process ${e.node} crashed.`);
    else if (e.type === 'boot' && e.recovered) lines.push(` :|> Process ${e.node} recovered.`);
    else if (e.type === 'send' && e.kind === 'REQUEST')
      lines.push(` :|> Process ${e.node} asks coordinator ${e.to} for the critical section.`);
    else if (e.type === 'send' && e.kind === 'GRANT') lines.push(` :|> Coordinator ${e.node} grants it to process ${e.to}.`);
    else if (e.type === 'note' && e.topic === 'cs-enter') lines.push(` :|> Process ${e.node} is in the critical section.`);
    else if (e.type === 'note' && e.topic === 'cs-exit') lines.push(` :|> Process ${e.node} leaves the critical section.`);
    else if (e.type === 'note' && e.topic === 'lease-expired')
      lines.push(` :|> Coordinator ${coord}: no RELEASE in time, the grant is taken back.`);
  }
  return lines.join('\n');
}

export const mutexCentralLesson: Lesson = {
  preset: 'mutex-central',
  question: 'Mutex',
  title: 'A central coordinator',
  blurb: 'One coordinator and a queue: REQUEST, GRANT, RELEASE for every entry, and a holder that crashes inside the critical section.',
  steps: [
    {
      title: 'One coordinator, four processes',
      cue: null,
      narrate(ctx) {
        const coord = coordinatorOf(ctx);
        const { holdMs } = settingsOf(ctx);
        return {
          text:
            `Only one process at a time may be in the critical section. ${ctx.nameOf(coord)} is the coordinator: to enter, a process sends it REQUEST and waits for GRANT; ` +
            `it stays inside ${sec(holdMs)} s and sends RELEASE when it leaves. ${planSentence(ctx)}`,
          watch: 'Predict, then press Next: the first process asks.',
        };
      },
      predict: cost,
    },
    {
      title: 'A process asks',
      cue: { label: 'a process sends REQUEST', matches: (e) => e.type === 'send' && e.kind === 'REQUEST' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Send;
        return {
          text:
            `${ctx.nameOf(e.node)} wants the critical section at ${sec(e.t)} s: it sends REQUEST to the coordinator ${ctx.nameOf(e.to)} and waits. ` +
            `It asks nobody else and knows nothing of who else wants in: only the coordinator does.`,
          watch: `The REQUEST dot on its way to ${ctx.nameOf(e.to)}.`,
        };
      },
    },
    {
      title: 'GRANT: nobody holds it',
      cue: { label: 'the coordinator sends GRANT', matches: (e) => e.type === 'send' && e.kind === 'GRANT' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Send;
        const asked = [...notesOf(ctx.events, 'cs-request', 0, ctx.at, e.to)].pop();
        return {
          text:
            `The REQUEST reached ${ctx.nameOf(e.node)} ${asked ? `${ms1(e.t - asked.e.t)} ms after ${ctx.nameOf(e.to)} asked` : ''}. Nobody held the grant and the queue was empty, ` +
            `so it sent GRANT to ${ctx.nameOf(e.to)} at once and wrote ${ctx.nameOf(e.to)} down as the holder (the highlighted line: "send GRANT to the head of the queue").`,
          watch: 'Two more processes ask while the first is inside.',
        };
      },
    },
    {
      title: 'The others wait in the queue',
      cue: {
        label: 'two processes wait in the coordinator’s queue',
        matches: (e) => e.type === 'note' && e.topic === 'mutex-queue' && Array.isArray(e.data?.['queue']) && e.data['queue'].length >= 2,
      },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Note;
        const queue = (e.data?.['queue'] as number[]).map((id) => id as NodeId);
        const holder = e.data?.['holder'];
        const asks = queue.map((id) => [...notesOf(ctx.events, 'cs-request', 0, ctx.at, id)].pop()?.e.t ?? e.t);
        return {
          text:
            `${listNames(queue, ctx.nameOf)} asked at ${asks.map(sec).join(' and ')} s. Their REQUESTs reached ${ctx.nameOf(e.node)} while ${typeof holder === 'number' ? ctx.nameOf(holder) : 'someone'} held the grant: ` +
            `it sent nothing back and appended them to its queue, [${queue.map(ctx.nameOf).join(', ')}]. They wait in order of arrival, and waiting costs no messages.`,
          watch: `The holder leaves after ${sec(settingsOf(ctx).holdMs)} s and sends RELEASE.`,
        };
      },
    },
    {
      title: 'RELEASE, and the next in line',
      cue: {
        label: 'the coordinator grants the next in its queue',
        matches: (e, ctx) =>
          e.type === 'send' &&
          e.kind === 'GRANT' &&
          nthIndex(ctx.events, 0, 2, (x) => x.type === 'send' && x.kind === 'GRANT') === ctx.index,
      },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Send;
        const first = notesOf(ctx.events, 'cs-exit', 0, ctx.at)[0];
        const firstEnter = first ? notesOf(ctx.events, 'cs-enter', 0, first.index, first.e.node).pop() : undefined;
        const sends = firstEnter ? messagesOf(ctx.events, reqOf(firstEnter.e), ctx.at + 1) : [];
        const queue = notesOf(ctx.events, 'mutex-queue', ctx.at)[0]?.e.data?.['queue'];
        const left = Array.isArray(queue) ? queue.map((id) => ctx.nameOf(id as NodeId)).join(', ') : '';
        return {
          text:
            `${first ? `${ctx.nameOf(first.e.node)} was inside from ${sec(firstEnter?.e.t ?? first.e.t)} to ${sec(first.e.t)} s, then sent RELEASE. ` : ''}` +
            `The grant was free again, so ${ctx.nameOf(e.node)} sent GRANT to the head of its queue, ${ctx.nameOf(e.to)}; the queue is now [${left}].`,
          ...(first && sends.length > 0
            ? { formula: `${ctx.nameOf(first.e.node)}'s entry: ${bill(sends)} = ${sends.length} messages (theory: 3)` }
            : {}),
          watch: `${ctx.nameOf(e.to)} enters when the GRANT arrives. Keep an eye on it.`,
        };
      },
    },
    {
      title: 'A crash inside the critical section',
      cue: { label: 'a process crashes', matches: (e) => e.type === 'crash' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'crash' }>;
        const wasInside = insideAt(ctx.events, ctx.at).has(e.node);
        return {
          text: wasInside
            ? `${ctx.nameOf(e.node)} crashed at ${sec(e.t)} s while inside the critical section, holding the coordinator's grant. Its RELEASE will never come, and nobody tells ${ctx.nameOf(coordinatorOf(ctx))}.`
            : `${ctx.nameOf(e.node)} crashed at ${sec(e.t)} s, outside the critical section: the coordinator's grant is elsewhere.`,
          watch: 'More processes ask meanwhile: the coordinator’s queue grows, and nothing is granted.',
        };
      },
      predict: afterCrash,
    },
    {
      title: 'The lease runs out',
      cue: { label: 'the coordinator takes the grant back', matches: (e) => e.type === 'note' && e.topic === 'lease-expired' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Note;
        const lastGrant = [...ctx.events.slice(0, ctx.at)].reverse().find((x): x is Send => x.type === 'send' && x.kind === 'GRANT');
        const grant = indexAfter(ctx.events, ctx.at, (x) => x.type === 'send' && x.kind === 'GRANT' && x.node === e.node);
        const next = grant >= 0 ? (ctx.events[grant] as Send).to : null;
        const { holdMs } = settingsOf(ctx);
        const lease = lastGrant ? e.t - lastGrant.t : NaN;
        return {
          text:
            `${ctx.nameOf(e.node)} had granted ${lastGrant ? ctx.nameOf(lastGrant.to) : 'the holder'} at ${sec(lastGrant?.t ?? e.t)} s. No RELEASE came within the lease, so at ${sec(e.t)} s it took the grant back` +
            `${next !== null ? ` and granted the head of its queue, ${ctx.nameOf(next)}` : ''}. ` +
            `The textbook's coordinator would wait for ever: one crashed holder blocks everyone. The lease is safe because a process stays inside at most ${sec(holdMs)} s, and the lease outlasts that and the GRANT's trip.`,
          ...(lastGrant ? { formula: `lease = ${ms1(lease)} ms > stay ${holdMs} ms + the GRANT's trip` } : {}),
          watch: 'The queue drains one entry at a time; the crashed process comes back later and asks again.',
        };
      },
    },
    {
      title: 'Everyone served: the bill',
      cue: {
        label: 'the recovered process leaves the critical section',
        matches: (e, ctx) => e.type === 'note' && e.topic === 'cs-exit' && recoveredBefore(ctx.events, ctx.index, e.node),
      },
      narrate(ctx) {
        const all = entries(ctx, ctx.at + 1);
        const sends = all.flatMap((x) => x.sends);
        const crashed = all.filter((x) => !x.released);
        return {
          text:
            `${all.length} entries, in order, with the messages each cost: ${all.map((x) => `${ctx.nameOf(x.node)}: ${x.sends.length}`).join(', ')}. ` +
            `Every entry cost REQUEST, GRANT and RELEASE` +
            (crashed.length > 0
              ? ` except ${listNames(
                  crashed.map((x) => x.node),
                  ctx.nameOf,
                )}'s, which crashed inside and never sent RELEASE.`
              : '.') +
            ` Cheap and fair (first come, first served), but the coordinator is a single point of failure and every request goes through it.`,
          formula: `theory: 3 × ${all.length} entries = ${3 * all.length}; this run: ${bill(sends)} = ${sends.length}`,
          watch: 'Try the challenges below: they are checked against the run.',
        };
      },
    },
  ],
  lab: {
    program:
      'none: the report is titled “… & mutual exclusion” but has no mutual exclusion program; its nearest is Q5’s bully (q5_bully.py), which elects a coordinator',
    output: [
      ' :|> Process 5 noticed the crash.',
      ' :|> Process 5 is initiating the election.',
      ' :|> …',
      ' :|> Process 10 is new coordinator.',
    ].join('\n'),
    ours: labLines,
    wrong: [
      'The lab elects a coordinator and stops there: nothing asks it for anything. Here the coordinator is what every entry goes through.',
      'As in the lab’s bully, nothing detects a crashed process: a coordinator that waits for a crashed holder’s RELEASE waits for ever. The grant here is a lease.',
      'A coordinator that crashes forgets its queue: on recovery it grants nothing for a lease (its old grants run out first), and waiting processes repeat their REQUEST.',
    ],
  },
  challenges: [coordinatorDown, coordinatorAsks],
};
