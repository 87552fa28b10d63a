// The lesson over token-ring: one TOKEN goes round the ring whether anyone wants it or not; a
// process enters only while holding it, so an entry waits 0 to n hops and the order is the
// ring's, not the order of asking; a crash loses the token, a process that has missed it for
// a full circulation claims a new generation, and the claim backed by a majority becomes the
// new token. Cues are predicates over trace events; every number and answer is read from the run.

import { indexAfter, listNames, sec } from '../../lesson/read.ts';
import type { Challenge, Lesson, Prediction, RunContext, StepContext } from '../../lesson/types.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';
import { arrowList, notesOf, type NoteAt, userActionAfter, presetPlan } from '../mutex-common/lesson-read.ts';
import type { TokenRingSettings } from './machine.ts';
import { tokenWaits } from './tokens.ts';

type Send = Extract<TraceEvent, { type: 'send' }>;
type Note = Extract<TraceEvent, { type: 'note' }>;

const settingsOf = (ctx: RunContext): TokenRingSettings => ctx.scenario.algorithm.settings as TokenRingSettings;
const ids = (ctx: RunContext): NodeId[] => ctx.scenario.nodes.map((p) => p.id).sort((a, b) => a - b);
const isEnter = (e: TraceEvent): boolean => e.type === 'note' && e.topic === 'cs-enter';
const isToken = (e: TraceEvent): boolean => e.type === 'send' && e.kind === 'TOKEN';

/** Where the token is after the first `end` events, from the last `token` note: held at, or on its way to. */
function tokenAt(events: readonly TraceEvent[], end: number): { at: NodeId | null; to: NodeId | null; generation: number } | null {
  const last = notesOf(events, 'token', 0, end).pop();
  if (!last) return null;
  const d = last.e.data ?? {};
  return {
    at: typeof d['at'] === 'number' ? d['at'] : null,
    to: typeof d['to'] === 'number' ? d['to'] : null,
    generation: typeof d['generation'] === 'number' ? d['generation'] : 0,
  };
}

/** The requests made before the first crash in the scenario (the preset's overlapping ones). */
function firstAsks(ctx: RunContext): NodeId[] {
  return presetPlan(ctx.scenario.actions).asks.map((a) => a.node);
}

/** `asked` in the order the token reaches them from `start` going round the ring (ids ascending, wrapping). */
function ringOrder(ctx: RunContext, start: NodeId, asked: readonly NodeId[]): NodeId[] {
  const ring = ids(ctx);
  const pos = (id: NodeId): number => (ring.indexOf(id) - ring.indexOf(start) + ring.length) % ring.length;
  return [...asked].sort((a, b) => pos(a) - pos(b));
}

/** The TOKEN hops between two trace indices: "P5 → P1 → P2". */
function hopsBetween(events: readonly TraceEvent[], from: number, to: number): Send[] {
  const out: Send[] = [];
  for (let i = Math.max(0, from); i <= to && i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'send' && e.kind === 'TOKEN') out.push(e);
  }
  return out;
}

const pathOf = (hops: readonly Send[], nameOf: (id: NodeId) => string): string =>
  hops.length === 0 ? 'none' : [nameOf((hops[0] as Send).node), ...hops.map((h) => nameOf(h.to))].join(' → ');

const sameOrder = (a: readonly NodeId[], b: readonly NodeId[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

const order: Prediction = {
  id: 'order',
  question: 'Three processes ask within 60 ms. In which order will they enter?',
  choices(ctx) {
    return [
      { id: 'asked', label: `In the order they asked: ${arrowList(firstAsks(ctx), ctx.nameOf)}` },
      { id: 'ring', label: 'In the order the token reaches them going round the ring' },
      { id: 'other', label: 'Some other order' },
    ];
  },
  outcome(ctx) {
    const asks = notesOf(ctx.events, 'cs-request', ctx.at + 1).slice(0, 3);
    if (asks.length < 3) return null;
    const entered = notesOf(ctx.events, 'cs-enter', (asks[0] as NoteAt).index)
      .map((x) => x.e.node)
      .filter((id, i, all) => asks.some((a) => a.e.node === id) && all.indexOf(id) === i)
      .slice(0, 3);
    if (entered.length < 3) return null;
    const where = tokenAt(ctx.events, (asks[0] as NoteAt).index);
    const start = where?.at ?? where?.to ?? (ids(ctx)[0] as NodeId);
    const asked = asks.map((a) => a.e.node);
    const ring = ringOrder(ctx, start, asked);
    const choice = sameOrder(entered, ring) ? 'ring' : sameOrder(entered, asked) ? 'asked' : 'other';
    return {
      choice,
      why: `They entered ${arrowList(entered, ctx.nameOf)}. They asked ${arrowList(asked, ctx.nameOf)}, but asking sends nothing: each waits until the token, coming from ${ctx.nameOf(start)}, reaches it.`,
    };
  },
};

/** The first entry of `node` at or after `from`, with the hops it waited (tokenWaits: TOKEN messages since it asked). */
function waitOf(ctx: RunContext, node: NodeId, from: number): { passes: number; enter: NoteAt } | null {
  const enter = notesOf(ctx.events, 'cs-enter', from, ctx.events.length, node)[0];
  if (!enter) return null;
  const wait = tokenWaits(ctx.events.slice(0, enter.index + 1)).pop();
  return wait ? { passes: wait.passes, enter } : null;
}

const hops: Prediction = {
  id: 'hops',
  question: 'How many hops of the token (TOKEN messages) will this process wait before it enters?',
  choices(ctx) {
    return Array.from({ length: ids(ctx).length + 1 }, (_, k) => ({ id: String(k), label: `${k}` }));
  },
  outcome(ctx) {
    const e = ctx.events[ctx.at];
    if (e?.type !== 'note') return null;
    const w = waitOf(ctx, e.node, ctx.at);
    if (!w) return null;
    const where = tokenAt(ctx.events, ctx.at);
    const place =
      where?.at !== null && where?.at !== undefined ? `at ${ctx.nameOf(where.at)}` : `on its way to ${ctx.nameOf(where?.to ?? 0)}`;
    return {
      choice: String(w.passes),
      why: `The token was ${place} when ${ctx.nameOf(e.node)} asked; it went ${pathOf(hopsBetween(ctx.events, ctx.at, w.enter.index), ctx.nameOf)}: ${w.passes} hop${w.passes === 1 ? '' : 's'}, each a stay of up to ${sec(settingsOf(ctx).holdMs + settingsOf(ctx).passMs)} s and a message.`,
    };
  },
};

const lost: Prediction = {
  id: 'lost',
  question: 'The token is gone with the crashed process. What happens next?',
  choices(ctx) {
    const c = ctx.events[ctx.at];
    const who = c && 'node' in c ? ctx.nameOf(c.node) : 'it';
    return [
      { id: 'forever', label: 'Everyone waits for the token for ever' },
      { id: 'regenerate', label: `After missing it for a while, one process makes a new token, and the ring goes on without ${who}` },
      { id: 'each', label: 'Every waiting process makes its own token' },
    ];
  },
  outcome(ctx) {
    const made = notesOf(ctx.events, 'token-regenerated', ctx.at + 1);
    const first = made[0];
    if (!first) return null;
    const crash = ctx.events[ctx.at] as TraceEvent;
    const ring = Array.isArray(first.e.data?.['ring']) ? (first.e.data['ring'] as number[]) : [];
    return {
      choice: made.length > 1 && new Set(made.map((m) => m.e.data?.['generation'])).size === 1 ? 'each' : 'regenerate',
      why: `${ctx.nameOf(first.e.node)} made generation ${String(first.e.data?.['generation'])} ${sec(first.e.t - crash.t)} s after the crash, going round ${listNames(ring, ctx.nameOf)}. Only a claim backed by a majority becomes a token, and two majorities share a process that backs one claim only: never two tokens.`,
    };
  },
};

const crashHolder: Challenge = {
  id: 'crash-holder',
  task: 'Crash the process that holds the token (it is drawn with the token): after a full circulation without it, another process makes a new generation.',
  check(ctx) {
    const crash = indexAfter(ctx.events, ctx.since, (e) => e.type === 'crash');
    if (crash < 0) return null;
    const c = (ctx.events[crash] as Extract<TraceEvent, { type: 'crash' }>).node;
    const before = tokenAt(ctx.events, crash);
    const made = notesOf(ctx.events, 'token-regenerated', crash).find((m) => Number(m.e.data?.['generation']) > (before?.generation ?? 0));
    if (!made) {
      const held = before?.at === c || before?.to === c;
      return {
        done: false,
        text: held
          ? `${ctx.nameOf(c)} is down and the token with it; waiting for a process to miss it for a full circulation…`
          : `${ctx.nameOf(c)} is down; the token is lost when it is next passed to ${ctx.nameOf(c)}…`,
      };
    }
    const ring = Array.isArray(made.e.data?.['ring']) ? (made.e.data['ring'] as number[]) : [];
    return {
      done: true,
      text: `${ctx.nameOf(made.e.node)} made generation ${String(made.e.data?.['generation'])} ${sec(made.e.t - (ctx.events[crash] as TraceEvent).t)} s after ${ctx.nameOf(c)} crashed, going round ${listNames(ring, ctx.nameOf)}: correct.`,
    };
  },
};

const askHops: Challenge = {
  id: 'ask-hops',
  task: 'Make a process ask (Request in its inspector) and count the hops it waits: between 0 and n.',
  check(ctx) {
    // The user's own request: the preset's later one (a recovered process asking) does not count.
    const act = userActionAfter(ctx.events, ctx.scenario.actions, ctx.since, 'request');
    const ask = act ? notesOf(ctx.events, 'cs-request', act.index, ctx.events.length, act.action.node)[0] : undefined;
    if (!ask) return null;
    const w = waitOf(ctx, ask.e.node, ask.index);
    if (!w) return { done: false, text: `${ctx.nameOf(ask.e.node)} waits for the token…` };
    const n = ids(ctx).length;
    return {
      done: w.passes <= n,
      text: `${ctx.nameOf(ask.e.node)} waited ${w.passes} hop${w.passes === 1 ? '' : 's'} (${pathOf(hopsBetween(ctx.events, ask.index, w.enter.index), ctx.nameOf)})${w.passes <= n ? `, between 0 and n = ${n}: correct.` : `, more than n = ${n}: the token was lost on the way.`}`,
    };
  },
};

/** Our run in the style of the lab's programs (" :|> …" lines), the token's moves folded per circulation. */
function labLines(ctx: RunContext): string {
  const lines: string[] = [];
  let moves: NodeId[] = [];
  const flush = (): void => {
    if (moves.length > 0) lines.push(` :|> Token goes ${moves.join(' -> ')}`);
    moves = [];
  };
  for (const e of ctx.events) {
    if (e.type === 'send' && e.kind === 'TOKEN') {
      if (moves.length === 0) moves.push(e.node);
      moves.push(e.to);
      if (moves.length > ids(ctx).length) flush();
      continue;
    }
    const line =
      e.type === 'crash'
        ? ` :|> Process ${e.node} crashed`
        : e.type === 'note' && e.topic === 'cs-request'
          ? ` :|> Process ${e.node} wants the critical section`
          : e.type === 'note' && e.topic === 'cs-enter'
            ? ` :|> Process ${e.node} holds the token and is in the critical section`
            : e.type === 'note' && (e.topic === 'token-lost' || e.topic === 'token-regenerated')
              ? ` :|> ${e.text}`
              : null;
    if (line !== null) {
      flush();
      lines.push(line);
    }
  }
  flush();
  return lines.join('\n');
}

/** The second entry after the first regeneration (step 8's cue). */
function secondEntryAfterRegeneration(ctx: { events: readonly TraceEvent[]; index: number }): boolean {
  const made = indexAfter(ctx.events, 0, (x) => x.type === 'note' && x.topic === 'token-regenerated');
  if (made < 0 || made > ctx.index) return false;
  return notesOf(ctx.events, 'cs-enter', made, ctx.index + 1).length === 2;
}

function billText(ctx: StepContext): { text: string; formula: string } {
  const waits = tokenWaits(ctx.events.slice(0, ctx.at + 1));
  const tokens = ctx.events.slice(0, ctx.at + 1).filter(isToken).length;
  const n = ids(ctx).length;
  return {
    text: `Entries so far and the hops each waited: ${waits.map((w) => `${ctx.nameOf(w.node)}: ${w.passes}`).join(', ')}. ${tokens} TOKEN messages for ${waits.length} entries: the token goes round whether anyone wants it or not, so a quiet ring still costs messages and a busy one costs almost none per entry.`,
    formula: `theory: 0 to n = 0 to ${n} hops per entry; this run: ${Math.min(...waits.map((w) => w.passes))} to ${Math.max(...waits.map((w) => w.passes))}`,
  };
}

export const tokenRingLesson: Lesson = {
  preset: 'token-ring',
  question: 'Mutex',
  title: 'Token ring',
  blurb: 'One token goes round: enter only while holding it, 0 to n hops per entry, and a lost token detected and made again.',
  steps: [
    {
      title: 'One token goes round',
      cue: null,
      narrate(ctx) {
        const ring = ids(ctx);
        const s = settingsOf(ctx);
        const { asks, crash } = presetPlan(ctx.scenario.actions);
        return {
          text:
            `${ring.length} processes on a ring, ${arrowList([...ring, ring[0] as NodeId], ctx.nameOf)}. ${ctx.nameOf(ring[0] as NodeId)} starts with the only TOKEN. ` +
            `Whoever holds it may enter the critical section (for ${sec(s.holdMs)} s); a holder that does not want to keeps it ${sec(s.passMs)} s and passes it on. ` +
            `${listNames(
              asks.map((a) => a.node),
              ctx.nameOf,
            )} ask at ${asks.map((a) => sec(a.at)).join(', ')} s` +
            (crash ? `; at ${sec(crash.at)} s ${ctx.nameOf(crash.node)} crashes.` : '.'),
          watch: 'Predict, then press Next: the token moves.',
        };
      },
      predict: order,
    },
    {
      title: 'Wanted or not, it moves',
      cue: { label: 'the token is passed on', matches: isToken },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Send;
        return {
          text:
            `Nobody wants the critical section yet, so at ${sec(e.t)} s ${ctx.nameOf(e.node)} passes the token to ${ctx.nameOf(e.to)}: one TOKEN message per hop, ` +
            `${ids(ctx).length} per circulation, even when nobody asks.`,
          watch: 'The token dot travels the ring; the process holding it is drawn with it.',
        };
      },
    },
    {
      title: 'Asking costs nothing',
      cue: { label: 'a process asks for the critical section', matches: (e) => e.type === 'note' && e.topic === 'cs-request' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Note;
        const where = tokenAt(ctx.events, ctx.at);
        const place =
          where?.at !== null && where?.at !== undefined ? `held by ${ctx.nameOf(where.at)}` : `on its way to ${ctx.nameOf(where?.to ?? 0)}`;
        return {
          text: `${ctx.nameOf(e.node)} wants in at ${sec(e.t)} s. It sends nothing: it waits for the token, now ${place}.`,
          watch: 'Count the hops until it arrives.',
        };
      },
      predict: hops,
    },
    {
      title: 'In the token’s order',
      cue: {
        label: 'the third process enters',
        matches: (e, ctx) => isEnter(e) && notesOf(ctx.events, 'cs-enter', 0, ctx.index + 1).length === 3,
      },
      narrate(ctx) {
        const waits = tokenWaits(ctx.events.slice(0, ctx.at + 1));
        return {
          text:
            `${arrowList(
              waits.map((w) => w.node),
              ctx.nameOf,
            )} entered, each when the token reached it, after ${waits.map((w) => `${w.passes}`).join(', ')} hops. ` +
            `Each left the critical section and passed the token on. Nobody can starve: the token visits everyone once per circulation.`,
          formula: `theory: 0 to n = 0 to ${ids(ctx).length} hops per entry; these: ${waits.map((w) => w.passes).join(', ')}`,
          watch: 'Next: a process crashes.',
        };
      },
    },
    {
      title: 'A crash takes the token',
      cue: { label: 'a process crashes', matches: (e) => e.type === 'crash' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Extract<TraceEvent, { type: 'crash' }>;
        const where = tokenAt(ctx.events, ctx.at);
        const fate =
          where?.at === e.node
            ? `It held the token: the token is gone with it.`
            : where?.to === e.node
              ? `The token was on its way to it: it will be dropped.`
              : `The token is at ${ctx.nameOf(where?.at ?? where?.to ?? 0)}, but the ring still counts ${ctx.nameOf(e.node)}: the next pass to it is dropped.`;
        return {
          text: `${ctx.nameOf(e.node)} crashed at ${sec(e.t)} s. ${fate} Nobody is told, and processes that ask now wait for a token that will not come.`,
          watch: 'Nothing moves for a while: every process is waiting for the token.',
        };
      },
      predict: lost,
    },
    {
      title: 'Missed for a full circulation',
      cue: { label: 'a process takes the token for lost', matches: (e) => e.type === 'note' && e.topic === 'token-lost' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Note;
        const held = notesOf(ctx.events, 'token', 0, ctx.at, e.node)
          .filter((x) => x.e.data?.['at'] === e.node)
          .pop();
        const s = settingsOf(ctx);
        const n = ids(ctx).length;
        return {
          text:
            `${ctx.nameOf(e.node)} last held the token at ${sec(held?.e.t ?? 0)} s; ${sec(e.t - (held?.e.t ?? 0))} s later it takes it for lost and claims generation ${String(e.data?.['generation'])}. ` +
            `Its CLAIM goes round the ring; each process acknowledges it (ACK) and backs it, and a sender skips a process that does not acknowledge in time.`,
          formula: `lost after n × hop + 2 × ACK wait = ${n} × ${s.hopMs} + 2 × ${s.ackMs} = ${n * s.hopMs + 2 * s.ackMs} ms (plus a random part, so not everyone claims at once)`,
          watch: 'The CLAIM dots; the one to the crashed process gets no ACK.',
        };
      },
    },
    {
      title: 'A new token, a new generation',
      cue: { label: 'a new token is made', matches: (e) => e.type === 'note' && e.topic === 'token-regenerated' },
      narrate(ctx) {
        const e = ctx.events[ctx.at] as Note;
        const lostAt = notesOf(ctx.events, 'token-lost', 0, ctx.at, e.node).pop()?.index ?? 0;
        const skipped = notesOf(ctx.events, 'claim-skip', lostAt, ctx.at).map((x) => Number(x.e.data?.['node']));
        const fence = notesOf(ctx.events, 'token-fence', lostAt, ctx.at, e.node).pop();
        const claim = ctx.events
          .slice(lostAt, ctx.at)
          .filter((x): x is Send => x.type === 'send' && x.kind === 'CLAIM' && x.to === e.node)
          .pop();
        const backers = claim ? new Set((claim.msg as { path?: number[] }).path ?? []).size : 0;
        const n = ids(ctx).length;
        const ring = Array.isArray(e.data?.['ring']) ? (e.data['ring'] as number[]) : [];
        return {
          text:
            `The claim ${skipped.length > 0 ? `skipped ${listNames([...new Set(skipped)], ctx.nameOf)} (no ACK) and ` : ''}came back to ${ctx.nameOf(e.node)} backed by ${backers} of ${n}: a majority, so no rival claim can win too. ` +
            (fence
              ? `Not everyone backed it, so it waited ${sec(e.t - fence.e.t)} s for any old token among the others to be used up. `
              : '') +
            `At ${sec(e.t)} s it made generation ${String(e.data?.['generation'])}, going round ${listNames(ring, ctx.nameOf)}.`,
          formula: `majority: ${backers} of ${n} > ${n}/2`,
          watch: 'The processes that asked meanwhile enter as the new token reaches them.',
        };
      },
    },
    {
      title: 'The ring goes on: the bill',
      cue: { label: 'two processes have entered with the new token', matches: (e, ctx) => isEnter(e) && secondEntryAfterRegeneration(ctx) },
      narrate(ctx) {
        const { text, formula } = billText(ctx);
        const quiet = notesOf(ctx.events, 'token-quiet', 0, ctx.at + 1).pop();
        return {
          text: text + (quiet ? ` ${quiet.e.text}.` : ''),
          formula,
          watch: 'Try the challenges below: they are checked against the run.',
        };
      },
    },
  ],
  lab: {
    program: 'q6_ring.py (the report’s ringAlgorithm.py): an election round a ring, the nearest the lab comes to a token ring',
    output: [
      ' :|> Process 5 noticed the crash',
      ':|> Process 5 is initiating the election',
      '',
      ' :|> Election message is [5, 6, 7, 8] ',
      '',
      ':|> Process 8 is the new coordinator',
    ].join('\n'),
    ours: labLines,
    wrong: [
      'The lab’s ring never wraps round (it follows id + 1 and stops at the last id), so nothing could circulate on it. Here P5 passes to P1 and the token goes round for ever.',
      'The lab’s ring passes its message to the crashed process as if it were alive. Here a crash loses the token, and the others notice it only by its absence: after a full circulation without it, a claim skips the crashed process and makes a new generation.',
    ],
  },
  challenges: [crashHolder, askHops],
};
