// The lesson over ricart-agrawala: no coordinator; a process asks every other with a Lamport
// timestamp and enters once all n−1 have replied (2(n−1) messages per entry); a process that
// is inside, or wants in with an earlier (timestamp, id), defers its reply; and a crashed
// process blocks every request until it is back. Cues are predicates over trace events;
// every number and every answer is read from the run.

import { indexAfter, listNames, ms1, msgNum, sec } from '../../lesson/read.ts';
import type { Challenge, Lesson, Prediction, RunContext, StepContext } from '../../lesson/types.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';
import { arrowList, notesOf, nthIndex, type NoteAt, userActionAfter, planSentence, presetPlan } from '../mutex-common/lesson-read.ts';

type Send = Extract<TraceEvent, { type: 'send' }>;
type Note = Extract<TraceEvent, { type: 'note' }>;

const tsOf = (n: Note): number => Number(n.data?.['ts']);
const isEnter = (e: TraceEvent): boolean => e.type === 'note' && e.topic === 'cs-enter';

/** The messages of one entry: the requester's REQUESTs and the REPLYs to it, between its request and its entry. */
function entryMessages(events: readonly TraceEvent[], asked: NoteAt, entered: NoteAt): Send[] {
  const p = asked.e.node;
  const ts = tsOf(asked.e);
  const out: Send[] = [];
  for (let i = asked.index; i <= entered.index && i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.type !== 'send' || msgNum(e.msg, 'ts') !== ts) continue;
    if ((e.kind === 'REQUEST' && e.node === p) || (e.kind === 'REPLY' && e.to === p)) out.push(e);
  }
  return out;
}

/** The request an entry answers: the requester's last cs-request before it. */
const requestOf = (events: readonly TraceEvent[], entered: NoteAt): NoteAt | undefined =>
  notesOf(events, 'cs-request', 0, entered.index, entered.e.node).pop();

/** Every entry among the first `end` events, with the messages it cost. */
function entries(events: readonly TraceEvent[], end: number): { enter: NoteAt; ask: NoteAt; sends: Send[] }[] {
  return notesOf(events, 'cs-enter', 0, end).flatMap((enter) => {
    const ask = requestOf(events, enter);
    return ask ? [{ enter, ask, sends: entryMessages(events, ask, enter) }] : [];
  });
}

const bill = (sends: readonly Send[]): string => {
  const req = sends.filter((s) => s.kind === 'REQUEST').length;
  return `${req} REQUEST + ${sends.length - req} REPLY`;
};

/** Each process's deferred replies after the first `end` events (its last mutex-deferred note). */
function deferredAt(events: readonly TraceEvent[], end: number): Map<NodeId, NodeId[]> {
  const out = new Map<NodeId, NodeId[]>();
  for (const { e } of notesOf(events, 'mutex-deferred', 0, end)) {
    const list = Array.isArray(e.data?.['deferred']) ? (e.data['deferred'] as number[]) : [];
    out.set(e.node, list);
  }
  return out;
}

/** No REQUEST in flight after the first `end` events, and some process defers its reply to two or more. */
function requestsSettled(events: readonly TraceEvent[], end: number): boolean {
  const flying = new Set<number>();
  for (let i = 0; i < Math.min(end, events.length); i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'send' && e.kind === 'REQUEST') flying.add(e.msgId);
    else if ((e.type === 'deliver' || e.type === 'drop') && e.kind === 'REQUEST') flying.delete(e.msgId);
  }
  return flying.size === 0 && [...deferredAt(events, end).values()].some((list) => list.length >= 2);
}

/** A request's name: "(3, P4)". */
const pair = (ask: NoteAt, ctx: RunContext): string => `(${tsOf(ask.e)}, ${ctx.nameOf(ask.e.node)})`;

const n = (ctx: RunContext): number => ctx.scenario.nodes.length;

const cost: Prediction = {
  id: 'cost',
  question: 'How many messages will the first entry cost, from asking to entering?',
  choices(ctx) {
    const k = n(ctx);
    return [...new Set([3, k - 1, 2 * (k - 1), 2 * k])].sort((a, b) => a - b).map((x) => ({ id: String(x), label: `${x} messages` }));
  },
  outcome(ctx) {
    const enter = notesOf(ctx.events, 'cs-enter', ctx.at + 1)[0];
    const ask = enter ? requestOf(ctx.events, enter) : undefined;
    if (!enter || !ask) return null;
    const sends = entryMessages(ctx.events, ask, enter);
    return {
      choice: String(sends.length),
      why: `${ctx.nameOf(enter.e.node)}'s entry: ${bill(sends)} = ${sends.length}. It must ask all n − 1 = ${n(ctx) - 1} others and hear back from each: 2(n − 1), growing with the number of processes.`,
    };
  },
};

const next: Prediction = {
  id: 'next',
  question: 'Who enters next?',
  choices(ctx) {
    const inside = new Set(notesOf(ctx.events, 'cs-enter', 0, ctx.at + 1).map((x) => x.e.node));
    for (const x of notesOf(ctx.events, 'cs-exit', 0, ctx.at + 1)) inside.delete(x.e.node);
    return ctx.scenario.nodes.filter((p) => !inside.has(p.id)).map((p) => ({ id: String(p.id), label: p.name }));
  },
  outcome(ctx) {
    const enter = notesOf(ctx.events, 'cs-enter', ctx.at + 1)[0];
    if (!enter) return null;
    const waiting = notesOf(ctx.events, 'cs-request', 0, enter.index)
      .filter((a) => !notesOf(ctx.events, 'cs-enter', a.index, enter.index, a.e.node).length)
      .filter((a) => a.e.node !== enter.e.node);
    const mine = requestOf(ctx.events, enter);
    const others = waiting.length > 0 ? ` before ${waiting.map((a) => pair(a, ctx)).join(', ')}` : '';
    return {
      choice: String(enter.e.node),
      why: `${mine ? pair(mine, ctx) : ctx.nameOf(enter.e.node)} comes${others}: the smaller timestamp goes first (ties to the lower id), and whoever wants in with a later pair replies only when it leaves.`,
    };
  },
};

/** The first request made after the crash at `ctx.at` by another process, and its entry. */
function afterCrash(ctx: StepContext): { crashed: NodeId; ask: NoteAt | undefined; enter: NoteAt | undefined } {
  const crash = ctx.events[ctx.at];
  const crashed = crash?.type === 'crash' ? crash.node : 0;
  const ask = notesOf(ctx.events, 'cs-request', ctx.at + 1).find((a) => a.e.node !== crashed);
  const enter = ask ? notesOf(ctx.events, 'cs-enter', ask.index, ctx.events.length, ask.e.node)[0] : undefined;
  return { crashed, ask, enter };
}

const crashed: Prediction = {
  id: 'crashed',
  question: 'With one process down, another now asks for the critical section. What happens?',
  choices(ctx) {
    const c = afterCrash(ctx).crashed;
    return [
      { id: 'majority', label: `It enters with the replies of the others: ${n(ctx) - 2} of ${n(ctx) - 1} are enough` },
      { id: 'waits', label: `It waits until ${ctx.nameOf(c)} is back and replies, then enters` },
      { id: 'never', label: 'It never enters' },
    ];
  },
  outcome(ctx) {
    const { crashed: c, ask, enter } = afterCrash(ctx);
    if (!ask || !enter) return null;
    const back = indexAfter(ctx.events, ctx.at, (e) => e.type === 'boot' && e.node === c && e.recovered);
    const waited = back >= 0 && back < enter.index;
    return {
      choice: waited ? 'waits' : 'majority',
      why: waited
        ? `${ctx.nameOf(ask.e.node)} asked at ${sec(ask.e.t)} s and entered at ${sec(enter.e.t)} s, after ${ctx.nameOf(c)} came back at ${sec((ctx.events[back] as TraceEvent).t)} s: it needs every reply, so one crashed process blocks everyone who asks.`
        : `${ctx.nameOf(ask.e.node)} entered at ${sec(enter.e.t)} s without waiting for ${ctx.nameOf(c)}.`,
    };
  },
};

const oneEntry: Challenge = {
  id: 'one-entry',
  task: 'Make P3 ask (click it, then Request in its inspector) and count what its entry costs: is it 2(n − 1)?',
  check(ctx) {
    const act = userActionAfter(ctx.events, ctx.scenario.actions, ctx.since, 'request');
    const ask = act ? notesOf(ctx.events, 'cs-request', act.index, ctx.events.length, act.action.node)[0] : undefined;
    if (!ask) return null;
    const enter = notesOf(ctx.events, 'cs-enter', ask.index, ctx.events.length, ask.e.node)[0];
    if (!enter) return { done: false, text: `${ctx.nameOf(ask.e.node)} asked at Lamport time ${tsOf(ask.e)} and waits for its replies…` };
    const sends = entryMessages(ctx.events, ask, enter);
    const theory = 2 * (n(ctx) - 1);
    return {
      done: sends.length === theory,
      text:
        sends.length === theory
          ? `${ctx.nameOf(ask.e.node)} entered after ${bill(sends)} = ${sends.length} = 2(n − 1): correct.`
          : `${ctx.nameOf(ask.e.node)} entered after ${bill(sends)} = ${sends.length}, not 2(n − 1) = ${theory}: a REQUEST was repeated (a process was down or a message lost).`,
    };
  },
};

const crashReplier: Challenge = {
  id: 'crash-replier',
  task: 'Crash P4, then make P2 ask: P2 cannot enter until you recover P4, since it needs every reply.',
  check(ctx) {
    const crash = indexAfter(ctx.events, ctx.since, (e) => e.type === 'crash');
    if (crash < 0) return null;
    const c = (ctx.events[crash] as Extract<TraceEvent, { type: 'crash' }>).node;
    const ask = notesOf(ctx.events, 'cs-request', crash).find((a) => a.e.node !== c);
    if (!ask) return { done: false, text: `${ctx.nameOf(c)} is down. Now make another process ask (Request).` };
    const enter = notesOf(ctx.events, 'cs-enter', ask.index, ctx.events.length, ask.e.node)[0];
    const back = indexAfter(ctx.events, crash, (e) => e.type === 'boot' && e.node === c && e.recovered);
    if (back < 0)
      return enter
        ? { done: false, text: `${ctx.nameOf(ask.e.node)} entered without ${ctx.nameOf(c)}'s reply.` }
        : { done: false, text: `${ctx.nameOf(ask.e.node)} waits for ${ctx.nameOf(c)}'s reply. Now recover ${ctx.nameOf(c)}.` };
    if (!enter) return { done: false, text: `${ctx.nameOf(c)} is back; ${ctx.nameOf(ask.e.node)}'s repeated REQUEST will reach it…` };
    return {
      done: back < enter.index,
      text: `${ctx.nameOf(ask.e.node)} waited from ${sec(ask.e.t)} s until ${ctx.nameOf(c)} was back and replied, and entered at ${sec(enter.e.t)} s: correct. Every process is a point of failure.`,
    };
  },
};

/** Our run in the style of the lab's programs (" :|> …" lines). */
function labLines(ctx: RunContext): string {
  const lines: string[] = [];
  for (const e of ctx.events) {
    if (e.type === 'crash') lines.push(` :|> Process ${e.node} crashed.`);
    else if (e.type === 'boot' && e.recovered) lines.push(` :|> Process ${e.node} recovered.`);
    else if (e.type === 'note' && e.topic === 'cs-request') lines.push(` :|> Process ${e.node} asks everyone, at Lamport time ${tsOf(e)}.`);
    else if (e.type === 'send' && e.kind === 'REPLY') lines.push(` :|> Message from process ${e.node} to ${e.to} is REPLY`);
    else if (e.type === 'drop' && e.kind === 'REQUEST')
      lines.push(` :|> REQUEST from ${e.from} to ${e.node} dropped: ${e.node} is crashed`);
    else if (e.type === 'note' && e.topic === 'mutex-deferred' && Array.isArray(e.data?.['deferred']) && e.data['deferred'].length > 0)
      lines.push(` :|> Process ${e.node} defers its reply to ${(e.data['deferred'] as number[]).join(', ')}`);
    else if (e.type === 'note' && e.topic === 'cs-enter') lines.push(` :|> Process ${e.node} is in the critical section.`);
  }
  return lines.join('\n');
}

export const ricartAgrawalaLesson: Lesson = {
  preset: 'ricart-agrawala',
  question: 'Mutex',
  title: 'Ricart–Agrawala',
  blurb: 'No coordinator: ask everyone with a Lamport timestamp, defer your reply to a later request, and enter when all have answered.',
  steps: [
    {
      title: 'No coordinator: everyone answers',
      cue: null,
      narrate(ctx) {
        return {
          text:
            `${n(ctx)} processes and no coordinator. To enter, a process stamps its REQUEST with its Lamport clock and sends it to all ${n(ctx) - 1} others; it enters when every one of them has sent REPLY. ` +
            `${planSentence(ctx)}`,
          watch: 'Predict, then press Next: the first process asks.',
        };
      },
      predict: cost,
    },
    {
      title: 'A timestamped REQUEST to everyone',
      cue: { label: 'a process asks for the critical section', matches: (e) => e.type === 'note' && e.topic === 'cs-request' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Note;
        const to = ctx.events
          .slice(ctx.at + 1)
          .filter((x): x is Send => x.type === 'send' && x.kind === 'REQUEST' && x.node === e.node && x.t === e.t);
        return {
          text:
            `${ctx.nameOf(e.node)} wants in at ${sec(e.t)} s. Its Lamport clock ticks to T = ${tsOf(e)} and it sends REQUEST(${tsOf(e)}, ${ctx.nameOf(e.node)}) to ${listNames(
              to.map((s) => s.to),
              ctx.nameOf,
            )}: ${to.length} messages. ` +
            `Each process that gets it sets its own clock past T, so later requests carry larger timestamps.`,
          watch: 'Each process that does not want the critical section replies at once.',
        };
      },
    },
    {
      title: 'All n − 1 replied: enter',
      cue: { label: 'the first process enters', matches: isEnter },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Note;
        const ask = requestOf(ctx.events, { e, index: ctx.at });
        const replies = ask ? entryMessages(ctx.events, ask, { e, index: ctx.at }).filter((s) => s.kind === 'REPLY') : [];
        return {
          text:
            `${ctx.nameOf(e.node)} had REPLY from ${listNames(
              replies.map((s) => s.node),
              ctx.nameOf,
            )}: all ${n(ctx) - 1}. ` +
            `It enters at ${sec(e.t)} s, ${ask ? ms1(e.t - ask.e.t) : '?'} ms after asking. Nobody granted it anything: every other process agreed.`,
          watch: 'Two more processes ask. Watch who replies at once and who holds the reply back.',
        };
      },
    },
    {
      title: 'Deferred replies',
      cue: {
        label: 'every REQUEST has arrived, and a process holds back its reply to two',
        // Not at a delivery: the deferral it causes is written just after it.
        matches: (e, ctx) => e.type !== 'deliver' && requestsSettled(ctx.events, ctx.index + 1),
      },
      narrate(ctx) {
        const deferred = [...deferredAt(ctx.events, ctx.at + 1)].filter(([, list]) => list.length > 0);
        const asks = notesOf(ctx.events, 'cs-request', 0, ctx.at + 1);
        const latest = new Map(asks.map((a) => [a.e.node, a]));
        const owes = deferred.map(([node, list]) => `${ctx.nameOf(node)} owes ${listNames(list, ctx.nameOf)}`).join('; ');
        return {
          text:
            `Requests so far: ${[...latest.values()].map((a) => pair(a, ctx)).join(', ')}. A process replies at once unless it is inside, or wants in itself with a smaller (timestamp, id): then it defers the reply until it leaves (the highlighted line). ` +
            `Deferred now: ${owes}. The others want nothing and replied at once.`,
          formula: `defer when inside, or when (T, p) < (Tq, q)`,
          watch: 'The panel’s “Deferred replies” line lists who owes whom.',
        };
      },
      predict: next,
    },
    {
      title: 'Leaving: the deferred replies go out',
      cue: { label: 'the first process leaves', matches: (e) => e.type === 'note' && e.topic === 'cs-exit' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Note;
        const sent = ctx.events
          .slice(ctx.at + 1)
          .filter((x): x is Send => x.type === 'send' && x.kind === 'REPLY' && x.node === e.node && x.t === e.t);
        const first = entries(ctx.events, ctx.at + 1).find((x) => x.enter.e.node === e.node);
        return {
          text:
            `${ctx.nameOf(e.node)} leaves at ${sec(e.t)} s and sends the replies it held back${
              sent.length > 0
                ? `, to ${listNames(
                    sent.map((s) => s.to),
                    ctx.nameOf,
                  )}`
                : ''
            }. ` + `Only now can the earliest waiting request collect its last reply.`,
          ...(first
            ? {
                formula: `${ctx.nameOf(e.node)}'s entry: ${bill(first.sends)} = ${first.sends.length}; theory 2(n − 1) = ${2 * (n(ctx) - 1)}`,
              }
            : {}),
          watch: 'The next one enters as soon as its last reply arrives.',
        };
      },
    },
    {
      title: 'In timestamp order',
      cue: {
        label: 'the third process enters',
        matches: (e, ctx) => isEnter(e) && nthIndex(ctx.events, 0, 3, isEnter) === ctx.index,
      },
      narrate(ctx) {
        const all = entries(ctx.events, ctx.at + 1);
        const total = all.reduce((s, x) => s + x.sends.length, 0);
        return {
          text:
            `They entered ${arrowList(
              all.map((x) => x.enter.e.node),
              ctx.nameOf,
            )}, in the order of their requests ${all.map((x) => pair(x.ask, ctx)).join(' < ')}: every process compares the same pairs, so all agree on the order without a coordinator. ` +
            `The run's checker verifies it: nobody enters while an earlier request waits.`,
          formula: `${all.length} entries × 2(n − 1) = ${all.length} × ${2 * (n(ctx) - 1)} = ${all.length * 2 * (n(ctx) - 1)}; this run: ${total}`,
          watch: 'Next: a process crashes.',
        };
      },
    },
    {
      title: 'Every process is a point of failure',
      cue: { label: 'a process crashes', matches: (e) => e.type === 'crash' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'crash' }>;
        const ask = presetPlan(ctx.scenario.actions).later.find((a) => a.at > e.t);
        return {
          text:
            `${ctx.nameOf(e.node)} crashed at ${sec(e.t)} s. Nobody is told` +
            (ask
              ? `; at ${sec(ask.at)} s ${ctx.nameOf(ask.node)} asks for the critical section and needs a reply from every other process, ${ctx.nameOf(e.node)} included.`
              : '.'),
          watch: `The REQUEST to ${ctx.nameOf(e.node)} is dropped (a cross on the stage).`,
        };
      },
      predict: crashed,
    },
    {
      title: 'Back, a reply, and the bill',
      cue: {
        label: 'a process that asked after the crash enters',
        matches: (e, ctx) => {
          if (!isEnter(e)) return false;
          const crash = indexAfter(ctx.events, 0, (x) => x.type === 'crash');
          const ask = notesOf(ctx.events, 'cs-request', 0, ctx.index, e.type === 'note' ? e.node : 0).pop();
          return crash >= 0 && ask !== undefined && ask.index > crash;
        },
      },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Note;
        const me = entries(ctx.events, ctx.at + 1).pop();
        const requests = me ? me.sends.filter((s) => s.kind === 'REQUEST') : [];
        const repeats = requests.filter((s) => s.t > (me?.ask.e.t ?? 0));
        const all = entries(ctx.events, ctx.at + 1);
        return {
          text:
            `${ctx.nameOf(e.node)} asked at ${sec(me?.ask.e.t ?? e.t)} s and entered at ${sec(e.t)} s.` +
            (repeats.length > 0
              ? ` It repeated its REQUEST to ${listNames(
                  repeats.map((s) => s.to),
                  ctx.nameOf,
                )} at ${sec(repeats[0]?.t ?? 0)} s; the recovered process, in a new life, replied.`
              : '') +
            ` Messages per entry: ${all.map((x) => `${ctx.nameOf(x.enter.e.node)}: ${x.sends.length}`).join(', ')}. Fair and with no coordinator, but dearer than one: 2(n − 1) per entry, and n points of failure instead of one.`,
          ...(me
            ? { formula: `${ctx.nameOf(e.node)}'s entry: ${bill(me.sends)} = ${me.sends.length}; theory 2(n − 1) = ${2 * (n(ctx) - 1)}` }
            : {}),
          watch: 'Try the challenges below: they are checked against the run.',
        };
      },
    },
  ],
  lab: {
    program:
      'none: the report has no mutual exclusion program and no logical clocks; its nearest is Q5’s bully (q5_bully.py), where a process also asks others and waits for their answers',
    output: [
      ' :|> Process 5 is initiating the election.',
      ' :|> Message from process 6 to 5 is OK',
      ' :|> Message from process 7 to 5 is OK',
      ' :|> …',
      ' :|> Process 10 is new coordinator.',
    ].join('\n'),
    ours: labLines,
    wrong: [
      'The lab’s programs stamp their messages with the wall clock (str(datetime.now())), and no two machines’ clocks agree. Ricart–Agrawala orders requests by Lamport timestamps, ties to the lower id, so every process sees the same order.',
      'As in the lab’s bully, nothing detects a crash: a request waits for the crashed process’s reply until it is back. Here a waiting process repeats its REQUEST to those that have not replied, so the recovered one answers.',
    ],
  },
  challenges: [oneEntry, crashReplier],
};
