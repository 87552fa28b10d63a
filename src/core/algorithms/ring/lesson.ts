// Lesson Q6 (ring-8): the lab's Ring question walked through on the real run: the list the
// ELECTION message collects, the crashed successor skipped, the COORDINATOR lap. Numbers and
// lists come from the trace; cues are predicates over its events.

import { aliveAt, allFollow, checkReElection, coordinatorBefore } from '../../lesson/elections.ts';
import { actionOf, after, countSends, indexAfter, isNote, isSend, ms1, msgIds, sec } from '../../lesson/read.ts';
import type { Lesson, RunContext, StepContext } from '../../lesson/types.ts';
import { numList } from '../notes.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';

type Send = Extract<TraceEvent, { type: 'send' }>;

function setup(ctx: RunContext): { noticer: NodeId; crashed: NodeId; n: number } {
  const notice = ctx.scenario.actions.find((a) => a.type === 'notice');
  const crash = ctx.scenario.actions.find((a) => a.type === 'crash');
  const n = ctx.scenario.nodes.length;
  return { noticer: notice?.node ?? 1, crashed: crash?.node ?? n, n };
}

/** The ids an ELECTION message carries. */
const idsOf = (e: Send): NodeId[] => msgIds(e.msg, 'ids');

const list = (ids: readonly NodeId[]): string => `[${ids.join(', ')}]`;

/** The first `ring-complete` note at or after `from`. */
const completeAfter = (events: readonly TraceEvent[], from: number) => {
  const i = indexAfter(events, from, isNote('ring-complete'));
  return i < 0 ? null : { e: events[i] as Extract<TraceEvent, { type: 'note' }>, index: i };
};

/** The ELECTION sends from the noticer's start up to `end`, in order: the list growing hop by hop. */
function hops(ctx: StepContext, end: number): Send[] {
  const start = indexAfter(ctx.events, 0, isNote('election-start'));
  if (start < 0) return [];
  return after(ctx.events.slice(0, end + 1), start, isSend('ELECTION'));
}

const START_STEP = 2;

export const ringLesson: Lesson = {
  preset: 'ring-8',
  question: 'Q6',
  title: 'The Ring election',
  blurb: 'Eight processes on a ring; coordinator P8 crashes and P5 notices. Follow the list round the ring, past the dead process.',
  steps: [
    {
      title: 'Eight processes on a ring',
      cue: null,
      narrate(ctx) {
        const { noticer, crashed, n } = setup(ctx);
        return {
          text:
            `Processes ${ctx.nameOf(1)}–${ctx.nameOf(n)} sit on a logical ring in id order, each sending only to its successor (${ctx.nameOf(n)}'s successor is ${ctx.nameOf(1)}). ` +
            `${ctx.nameOf(crashed)} leads. It will crash, and ${ctx.nameOf(noticer)} will be told. The ELECTION message carries a list: each live process adds its id and passes it on.`,
          watch: 'Predict the list, then press Next.',
        };
      },
      predict: {
        id: 'list',
        question: 'Which list will the ELECTION message carry when it comes back to the process that started it?',
        choices(ctx) {
          const { noticer, crashed, n } = setup(ctx);
          const ring = Array.from({ length: n }, (_, i) => ((noticer - 1 + i) % n) + 1);
          const wraps = ring.filter((id) => id !== crashed);
          const labs = Array.from({ length: n - noticer + 1 }, (_, i) => noticer + i);
          const candidates = [labs, ring, wraps];
          const seen = new Set<string>();
          return candidates
            .map(list)
            .filter((l) => !seen.has(l) && seen.add(l))
            .map((l) => ({ id: l, label: l }));
        },
        outcome(ctx) {
          const done = completeAfter(ctx.events, ctx.at + 1);
          if (!done) return null;
          const ids = numList(done.e.data?.['ids']);
          const { crashed } = setup(ctx);
          return {
            choice: list(ids),
            why: `Every live process added itself once and the message went all the way round${ids.includes(crashed) ? '' : `, skipping the crashed ${ctx.nameOf(crashed)}`}.`,
          };
        },
      },
    },
    {
      title: 'The coordinator crashes',
      cue: { label: 'the coordinator crashes', matches: (e) => e.type === 'crash' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'crash' }>;
        const { noticer } = setup(ctx);
        return {
          text: `${ctx.nameOf(e.node)} crashed at t = ${sec(e.t)} s. No heartbeats in this preset: nobody notices until ${ctx.nameOf(noticer)} is told.`,
          watch: `${ctx.nameOf(noticer)} starts the election.`,
        };
      },
    },
    {
      title: 'ELECTION to the successor',
      cue: { label: 'a process starts the election', matches: (e) => e.type === 'note' && e.topic === 'election-start' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'note' }>;
        const first = after(ctx.events, ctx.at, isSend('ELECTION', e.node))[0];
        return {
          text:
            `${ctx.nameOf(e.node)} starts the election at ${sec(e.t)} s: it sends ELECTION ${first ? list(idsOf(first)) : ''} to its successor ${first ? ctx.nameOf(first.to) : ''} and waits for an ACK. ` +
            'Every ring message is acknowledged, so a sender finds out when its successor is dead.',
          watch: 'The list grows by one id at each hop.',
        };
      },
    },
    {
      title: 'Sent to a dead process',
      cue: {
        label: 'the ELECTION is sent to the crashed process',
        matches: (e, ctx) => e.type === 'send' && e.kind === 'ELECTION' && !aliveAt(ctx.events, ctx.index + 1).has(e.to),
      },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Send;
        const path = hops(ctx, ctx.at).map((s) => `${ctx.nameOf(s.node)} → ${ctx.nameOf(s.to)} ${list(idsOf(s))}`);
        return {
          text: `So far: ${path.join('; ')}. ${ctx.nameOf(e.node)} has just sent ${list(idsOf(e))} to ${ctx.nameOf(e.to)}, which is crashed: no ACK will come.`,
          watch: `What does ${ctx.nameOf(e.node)} do when the ACK does not come?`,
        };
      },
      predict: {
        id: 'skip',
        question: 'The successor is dead. What will the sender do?',
        choices: () => [
          { id: 'wait', label: 'Wait for ever' },
          { id: 'skip', label: 'Skip it: send to the next process on the ring' },
          { id: 'win', label: 'Declare itself coordinator' },
          { id: 'back', label: 'Send the list back to the starter' },
        ],
        outcome(ctx) {
          const e = ctx.events[ctx.at] as Send;
          const next = indexAfter(
            ctx.events,
            ctx.at + 1,
            (x) =>
              x.type !== 'deliver' &&
              'node' in x &&
              x.node === e.node &&
              (x.type === 'send' || x.type === 'note') &&
              !(x.type === 'send' && x.kind === 'ACK'),
          );
          if (next < 0) return null;
          const x = ctx.events[next] as TraceEvent;
          if (x.type === 'note' && x.topic === 'ring-skip') {
            const resend = after(ctx.events, next, isSend('ELECTION', e.node))[0];
            const waited = x.t - e.t;
            return {
              choice: 'skip',
              why: `No ACK within ${ms1(waited)} ms: ${ctx.nameOf(e.node)} skipped ${ctx.nameOf(e.to)}${resend ? ` and sent ${list(idsOf(resend))} to ${ctx.nameOf(resend.to)}` : ''}.`,
            };
          }
          if (x.type === 'note' && x.topic === 'elected')
            return { choice: 'win', why: `${ctx.nameOf(e.node)} declared itself coordinator.` };
          return {
            choice: 'wait',
            why: `${ctx.nameOf(e.node)} did something else first: ${x.type === 'note' ? x.text : x.type === 'send' ? x.kind : x.type}.`,
          };
        },
      },
    },
    {
      title: 'Skipping the dead successor',
      cue: { label: 'the sender skips the dead process', matches: (e) => e.type === 'note' && e.topic === 'ring-skip' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'note' }>;
        const resend = after(ctx.events, ctx.at, isSend('ELECTION', e.node))[0];
        const skipped = Number(e.data?.['skipped']);
        return {
          text: `No ACK from ${ctx.nameOf(skipped)}: ${ctx.nameOf(e.node)} skips it and sends ${resend ? `${list(idsOf(resend))} to ${ctx.nameOf(resend.to)}` : 'the list on'}. This is where the lab's program stopped: it never wrapped round past the end of the ring.`,
          watch: 'The message now wraps round to the low ids and back towards the starter.',
        };
      },
    },
    {
      title: 'Back at the start: the highest id wins',
      cue: { label: 'the ELECTION comes back to its starter', matches: (e) => e.type === 'note' && e.topic === 'ring-complete' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'note' }>;
        const ids = numList(e.data?.['ids']);
        const leader = Math.max(...ids);
        const coord = after(ctx.events, ctx.at, isSend('COORDINATOR', e.node))[0];
        return {
          text: `${ctx.nameOf(e.node)} finds itself in the list ${list(ids)}: the message has been all the way round. The highest id in it is ${leader}, so ${ctx.nameOf(leader)} is the new coordinator. ${ctx.nameOf(e.node)} turns the message into COORDINATOR(${leader})${coord ? ` and sends it to ${ctx.nameOf(coord.to)}` : ''}.`,
          formula: `coordinator = max${list(ids)} = ${leader}`,
          watch: 'COORDINATOR goes once round the ring; each process notes the new coordinator.',
        };
      },
    },
    {
      title: 'The announcement goes round',
      cue: {
        label: 'every live process follows the new coordinator',
        matches: (e, ctx) => {
          if (e.type !== 'role' || e.leader === null) return false;
          const done = completeAfter(ctx.events, 0);
          if (!done || done.index >= ctx.index) return false;
          const leader = Math.max(...numList(done.e.data?.['ids']));
          return e.leader === leader && allFollow(ctx.events, ctx.index + 1, leader);
        },
      },
      narrate(ctx) {
        const start = ctx.cues[START_STEP] ?? 0;
        const c = countSends(ctx.events, start, ctx.at + 1, ['ELECTION', 'COORDINATOR', 'ACK']);
        const leader = coordinatorBefore(ctx.events, ctx.at + 1);
        const alive = aliveAt(ctx.events, ctx.at + 1).size;
        const e = c['ELECTION'] ?? 0;
        const co = c['COORDINATOR'] ?? 0;
        return {
          text: `Every live process now follows ${leader === null ? '?' : ctx.nameOf(leader)}. The election took ${e} ELECTION and ${co} COORDINATOR messages (${e + co} in all), plus ${c['ACK'] ?? 0} ACKs; the sends to the crashed process count too.`,
          formula: `one initiator, ${alive} live processes: between 2n = ${2 * alive} and 3n − 1 = ${3 * alive - 1} (n = live processes, sends to the dead one extra)`,
          watch: 'Next: what the lab printed.',
        };
      },
    },
    {
      title: 'As the lab printed it',
      cue: null,
      narrate(ctx) {
        const leader = coordinatorBefore(ctx.events, ctx.at + 1);
        return {
          text: `The lab's program walks ids upward from 5 and stops at the end of the list instead of wrapping round: its message is [5, 6, 7, 8] and it "elects" P8, the process that crashed (it never even marks P8 crashed). Our run wrapped round, skipped P8 and elected ${leader === null ? 'nobody' : ctx.nameOf(leader)}.`,
          watch: 'Try the challenges below: they are checked against the run.',
        };
      },
    },
  ],
  lab: {
    program: 'q6_ring.py (the report’s ringAlgorithm.py)',
    output: [
      ' :|> Process 5 noticed the crash',
      ':|> Process 5 is initiating the election',
      '',
      ' :|> Election message is [5, 6, 7, 8] ',
      '',
      ':|> Process 8 is the new coordinator',
    ].join('\n'),
    ours(ctx) {
      const lines: string[] = [];
      for (const e of ctx.events) {
        const act = actionOf(e);
        if (act?.type === 'notice') lines.push(` :|> Process ${act.node} noticed the crash`);
        else if (e.type === 'crash') lines.push(` :|> Process ${e.node} is crashed`);
        else if (e.type === 'note' && e.topic === 'election-start') lines.push(`:|> Process ${e.node} is initiating the election`);
        else if (e.type === 'note' && e.topic === 'ring-skip') lines.push(` :|> ${e.text}`);
        else if (e.type === 'note' && e.topic === 'ring-complete')
          lines.push(` :|> Election message is [${numList(e.data?.['ids']).join(', ')}]`);
        else if (e.type === 'note' && e.topic === 'elected') lines.push(`:|> Process ${e.node} is the new coordinator`);
      }
      return lines.join('\n');
    },
    wrong: [
      'The message never wraps round: the program follows id + 1 and stops at the last id, so it visits [5, 6, 7, 8] only.',
      'The crashed coordinator is never marked crashed, so P8 adds itself and is "elected": the collapsed node becomes coordinator again.',
      'Nobody is told the result: there is no COORDINATOR message going round.',
    ],
  },
  challenges: [
    {
      id: 'crash-new-coordinator',
      task: 'Crash the new coordinator (click it, then Crash), then make another process notice. The next highest alive should win.',
      check: (ctx) => checkReElection(ctx.events, ctx.since, ctx.nameOf),
    },
    {
      id: 'two-starters',
      task: 'Make two processes notice at once (Notice failure on one, then quickly on another): both lists circulate, and both must elect the same process.',
      check(ctx) {
        const notices = after(
          ctx.events,
          ctx.since,
          (e): e is Extract<TraceEvent, { type: 'action' }> => e.type === 'action' && e.action.type === 'notice',
        );
        if (notices.length < 2) return null;
        const from = ctx.events.indexOf(notices[notices.length - 2] as TraceEvent);
        const completes = after(ctx.events, from, isNote('ring-complete'));
        if (completes.length < 2) return { done: false, text: `${completes.length} of 2 election messages back so far…` };
        const winners = new Set(completes.map((c) => Math.max(...numList(c.data?.['ids']))));
        return winners.size === 1
          ? { done: true, text: `Both lists came back and both named ${ctx.nameOf([...winners][0] as number)}: correct, one coordinator.` }
          : { done: false, text: `The lists named different winners: ${[...winners].map(ctx.nameOf).join(', ')}.` };
      },
    },
  ],
};
