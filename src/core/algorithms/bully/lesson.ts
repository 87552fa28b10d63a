// Lesson Q5 (bully-10): the lab's Bully question walked through on the real run. Every number
// in the narration is read from the trace; cues are predicates over its events.

import { aliveAt, allFollow, checkReElection, coordinatorBefore, electedAfter } from '../../lesson/elections.ts';
import { actionOf, after, countSends, indexAfter, isNote, isSend, ms1, rangeOrList, sec } from '../../lesson/read.ts';
import type { Lesson, RunContext, StepContext } from '../../lesson/types.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';

/** The process the scenario tells first (the lab's P5), and the coordinator it crashes (P10). */
function setup(ctx: RunContext): { noticer: NodeId; crashed: NodeId; n: number } {
  const notice = ctx.scenario.actions.find((a) => a.type === 'notice');
  const crash = ctx.scenario.actions.find((a) => a.type === 'crash');
  const n = ctx.scenario.nodes.length;
  return { noticer: notice?.node ?? 1, crashed: crash?.node ?? n, n };
}

/** The episode's first election start (at or after `from`). */
const startIndex = (ctx: StepContext, from = 0): number => indexAfter(ctx.events, from, isNote('election-start'));

/** The step index whose cue is the election start (step 3, 0-based 2). */
const ELECTION_STEP = 2;

export const bullyLesson: Lesson = {
  preset: 'bully-10',
  question: 'Q5',
  title: 'The Bully election',
  blurb: 'Ten processes; coordinator P10 crashes and P5 notices. Who bullies their way to the top, and in how many messages?',
  steps: [
    {
      title: 'Ten processes, one coordinator',
      cue: null,
      narrate(ctx) {
        const { noticer, crashed, n } = setup(ctx);
        const crash = ctx.scenario.actions.find((a) => a.type === 'crash');
        const notice = ctx.scenario.actions.find((a) => a.type === 'notice');
        return {
          text:
            `Processes ${ctx.nameOf(1)} to ${ctx.nameOf(n)} each know every id. The rule: the highest process alive leads; now that is ${ctx.nameOf(crashed)}. ` +
            `At ${sec(crash?.at ?? 0)} s ${ctx.nameOf(crashed)} crashes, and at ${sec(notice?.at ?? 0)} s ${ctx.nameOf(noticer)} is told, as in the lab.`,
          watch: `Predict the winner, then press Next: the run plays to the crash.`,
        };
      },
      predict: {
        id: 'winner',
        question: 'Who will be coordinator when the election is over?',
        choices(ctx) {
          const { noticer, n } = setup(ctx);
          return ctx.scenario.nodes.filter((p) => p.id >= noticer && p.id <= n).map((p) => ({ id: String(p.id), label: p.name }));
        },
        outcome(ctx) {
          const won = electedAfter(ctx.events, ctx.at + 1);
          if (!won) return null;
          const alive = aliveAt(ctx.events, won.index + 1);
          const above = ctx.scenario.nodes.filter((p) => p.id > won.e.node && !alive.has(p.id)).map((p) => p.id);
          const why =
            above.length > 0
              ? `${ctx.nameOf(won.e.node)} is the highest process still alive: ${rangeOrList(above, ctx.nameOf)} ${above.length === 1 ? 'is' : 'are'} crashed, so no OK ever stopped it.`
              : `${ctx.nameOf(won.e.node)} is the highest process there is.`;
          return { choice: String(won.e.node), why };
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
          text: `${ctx.nameOf(e.node)} crashed at t = ${sec(e.t)} s: its worker is gone. Nobody knows yet: this preset sends no heartbeats, so a process must be told.`,
          watch: `${ctx.nameOf(noticer)} is told next, and starts an election.`,
        };
      },
    },
    {
      title: 'ELECTION to every higher id',
      cue: { label: 'a process starts the election', matches: (e) => e.type === 'note' && e.topic === 'election-start' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'note' }>;
        const targets = after(ctx.events, ctx.at, isSend('ELECTION', e.node))
          .filter((s) => s.t === e.t)
          .map((s) => s.to);
        return {
          text:
            `${ctx.nameOf(e.node)} starts an election at ${sec(e.t)} s: ELECTION to every higher id, ${rangeOrList(targets, ctx.nameOf)} (${targets.length} messages). ` +
            `An OK from any of them means "I am alive and higher: stand down". No OK in time means ${ctx.nameOf(e.node)} is the highest alive.`,
          watch: `The ELECTION dots leaving ${ctx.nameOf(e.node)}; the one to the crashed process will be dropped.`,
        };
      },
      predict: {
        id: 'oks',
        question: 'How many OK messages will this whole election send?',
        choices(ctx) {
          const e = ctx.events[ctx.at];
          const k = e && 'node' in e ? e.node : setup(ctx).noticer;
          const m = setup(ctx).n - k;
          const options = [...new Set([m - 1, m, ((m - 1) * m) / 2, (m * (m + 1)) / 2])].filter((x) => x >= 0).sort((a, b) => a - b);
          return options.map((x) => ({ id: String(x), label: `${x} OK` }));
        },
        outcome(ctx) {
          const won = electedAfter(ctx.events, ctx.at);
          if (!won) return null;
          const oks = after(ctx.events.slice(0, won.index), ctx.at, isSend('OK'));
          const by = new Map<NodeId, number>();
          for (const s of oks) by.set(s.node, (by.get(s.node) ?? 0) + 1);
          const parts = [...by.entries()].sort((a, b) => a[0] - b[0]).map(([id, c]) => `${ctx.nameOf(id)} ${c}`);
          return {
            choice: String(oks.length),
            why: `Each live process answers every lower one that sent it ELECTION: ${parts.join(' + ')} = ${oks.length}.`,
          };
        },
      },
    },
    {
      title: 'A higher process answers OK',
      cue: {
        label: 'a higher process gets the ELECTION',
        matches: (e) => e.type === 'deliver' && e.kind === 'ELECTION',
      },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'deliver' }>;
        const start = ctx.events[startIndex(ctx)];
        const own = after(ctx.events, ctx.at, isSend('ELECTION', e.node))
          .filter((s) => s.t === e.t)
          .map((s) => s.to);
        return {
          text:
            `${ctx.nameOf(e.node)} got ${ctx.nameOf(e.from)}'s ELECTION ${ms1(e.t - (start?.t ?? e.t))} ms after it was sent. It answers OK and, being in no election yet, starts its own: ` +
            `ELECTION to ${rangeOrList(own, ctx.nameOf)}.`,
          watch: `Every live process above ${ctx.nameOf(e.from)} does the same: elections cascade upwards.`,
        };
      },
    },
    {
      title: 'Stand down and wait',
      cue: { label: 'the first OK arrives', matches: (e) => e.type === 'deliver' && e.kind === 'OK' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'deliver' }>;
        const waiting = after(ctx.events.slice(0, ctx.at + 1), 0, isNote('election-start')).map((n) => n.node);
        return {
          text:
            `${ctx.nameOf(e.node)} got OK from ${ctx.nameOf(e.from)} at ${sec(e.t)} s: someone higher is alive, so ${ctx.nameOf(e.node)} drops out and waits for a COORDINATOR message. ` +
            `Elections running so far: ${rangeOrList([...new Set(waiting)], ctx.nameOf)}.`,
          watch: 'The highest live process gets no OK at all: watch for its timeout.',
        };
      },
    },
    {
      title: 'No OK: a new coordinator',
      cue: { label: 'a process declares itself coordinator', matches: (e) => e.type === 'note' && e.topic === 'elected' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'note' }>;
        const own = indexAfter(ctx.events, 0, isNote('election-start', e.node));
        const startedAt = own >= 0 ? (ctx.events[own] as TraceEvent).t : e.t;
        const coords = after(ctx.events, ctx.at, isSend('COORDINATOR', e.node))
          .filter((s) => s.t === e.t)
          .map((s) => s.to);
        return {
          text:
            `${ctx.nameOf(e.node)} sent ELECTION at ${sec(startedAt)} s and no OK came back in ${ms1(e.t - startedAt)} ms: nobody higher is alive. ` +
            `It declares itself coordinator and tells every lower process: COORDINATOR to ${rangeOrList(coords, ctx.nameOf)} (${coords.length} messages).`,
          watch: 'The COORDINATOR dots: each process that receives one follows the new coordinator.',
        };
      },
    },
    {
      title: 'Everyone follows; the bill',
      cue: {
        label: 'every live process follows the new coordinator',
        matches: (e, ctx) => {
          if (e.type !== 'role' || e.leader === null) return false;
          const won = electedAfter(ctx.events, 0);
          return won !== null && won.index < ctx.index && e.leader === won.e.node && allFollow(ctx.events, ctx.index + 1, won.e.node);
        },
      },
      narrate(ctx) {
        const start = ctx.cues[ELECTION_STEP] ?? startIndex(ctx);
        const first = ctx.events[start];
        const k = first && 'node' in first ? first.node : setup(ctx).noticer;
        const { n } = setup(ctx);
        const c = countSends(ctx.events, start, ctx.at + 1, ['ELECTION', 'OK', 'COORDINATOR']);
        const e = c['ELECTION'] ?? 0;
        const o = c['OK'] ?? 0;
        const co = c['COORDINATOR'] ?? 0;
        const te = ((n - k) * (n - k + 1)) / 2;
        const to = ((n - k - 1) * (n - k)) / 2;
        const winner = coordinatorBefore(ctx.events, ctx.at + 1);
        return {
          text: `Every live process now follows ${winner === null ? '?' : ctx.nameOf(winner)}. This election sent ${e} ELECTION, ${o} OK and ${co} COORDINATOR messages: ${e + o + co} in all.`,
          formula: `theory, n = ${n}, P${k} notices: (n−k)(n−k+1)/2 + (n−k−1)(n−k)/2 + (n−2) = ${te} + ${to} + ${n - 2} = ${te + to + n - 2}`,
          watch: 'Next: what the lab printed for the same question.',
        };
      },
    },
    {
      title: 'As the lab printed it',
      cue: null,
      narrate(ctx) {
        const winner = coordinatorBefore(ctx.events, ctx.at + 1);
        return {
          text:
            `The lab's program never crashes anyone: every process is alive, P10 answers OK to everybody and it prints "Process 10 is new coordinator" — the crashed coordinator re-elected. ` +
            `It sends no COORDINATOR messages and asks one process at a time. Our run crashed P10 for real and ${winner === null ? 'nobody' : ctx.nameOf(winner)} won.`,
          watch: 'Try the challenges below: they are checked against the run.',
        };
      },
    },
  ],
  lab: {
    program: 'q5_bully.py (the report’s bullyAlgorithm.py)',
    output: [
      ' :|> Process 5 noticed the crash.',
      ' :|> Process 5 is initiating the election.',
      ' :|> Message from process 6 to 5 is OK',
      ' :|> Message from process 7 to 5 is OK',
      ' :|> Message from process 8 to 5 is OK',
      ' :|> Message from process 9 to 5 is OK',
      ' :|> Message from process 10 to 5 is OK',
      ' :|> Message from process 7 to 6 is OK',
      ' :|> Message from process 8 to 6 is OK',
      ' :|> Message from process 9 to 6 is OK',
      ' :|> Message from process 10 to 6 is OK',
      ' :|> Message from process 8 to 7 is OK',
      ' :|> Message from process 9 to 7 is OK',
      ' :|> Message from process 10 to 7 is OK',
      ' :|> Message from process 9 to 8 is OK',
      ' :|> Message from process 10 to 8 is OK',
      ' :|> Message from process 10 to 9 is OK',
      ' :|> Process 10 is new coordinator.',
    ].join('\n'),
    ours(ctx) {
      const lines: string[] = [];
      for (const e of ctx.events) {
        const act = actionOf(e);
        if (act?.type === 'notice') lines.push(` :|> Process ${act.node} noticed the crash.`);
        else if (e.type === 'crash') lines.push(` :|> Process ${e.node} is crashed.`);
        else if (e.type === 'note' && e.topic === 'election-start') lines.push(` :|> Process ${e.node} is initiating the election.`);
        else if (e.type === 'send' && e.kind === 'OK') lines.push(` :|> Message from process ${e.node} to ${e.to} is OK`);
        else if (e.type === 'drop' && e.kind === 'ELECTION')
          lines.push(` :|> ELECTION from ${e.from} to ${e.node} dropped: ${e.node} is crashed`);
        else if (e.type === 'note' && e.topic === 'elected') lines.push(` :|> Process ${e.node} is new coordinator.`);
      }
      const coordinators = after(ctx.events, 0, isSend('COORDINATOR')).length;
      if (coordinators > 0) lines.push(` :|> (${coordinators} COORDINATOR messages sent)`);
      return lines.join('\n');
    },
    wrong: [
      'Nobody crashes: the program creates all ten processes alive, so P10 answers OK to everyone and is "re-elected" although the question says it collapsed.',
      'The new coordinator never tells anyone: there are no COORDINATOR messages.',
      'Elections run one after another (a recursion from the lowest OK), not in parallel as real processes would.',
    ],
  },
  challenges: [
    {
      id: 'crash-new-coordinator',
      task: 'Crash the new coordinator (click it, then Crash), then make a low process notice (Notice failure). The next highest alive should win.',
      check: (ctx) => checkReElection(ctx.events, ctx.since, ctx.nameOf),
    },
    {
      id: 'recover-highest',
      task: 'Recover the crashed P10: a recovered process holds an election, and the highest id takes over again.',
      check(ctx) {
        const top = Math.max(...ctx.scenario.nodes.map((p) => p.id));
        const back = indexAfter(ctx.events, ctx.since, (e) => e.type === 'boot' && e.node === top && e.recovered);
        if (back < 0) return null;
        const won = electedAfter(ctx.events, back);
        if (!won) return { done: false, text: `${ctx.nameOf(top)} is back and holding an election…` };
        return won.e.node === top
          ? { done: true, text: `${ctx.nameOf(top)} bullied its way back: coordinator again. Correct.` }
          : { done: false, text: `${ctx.nameOf(won.e.node)} won, not ${ctx.nameOf(top)}.` };
      },
    },
  ],
};
