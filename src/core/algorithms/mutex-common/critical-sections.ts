// Mutual exclusion as the trace shows it, shared by every mutex algorithm: a process notes
// `cs-request` when it asks, `cs-enter` when it enters and `cs-exit` when it leaves; a crash
// ends whatever it held. From these: the critical sections (the CLI's criticalSections), the
// panel's round (who is in, who waits, the coordinator's queue, deferred replies, the token),
// and the checker: never two processes inside at once, and once nothing fails every request
// is granted before the run ends. Every mutex algorithm writes these three notes.

import type { IncrementalChecker } from '../../check/clock-sync.ts';
import type { Violation } from '../../check/violations.ts';
import type { JsonValue } from '../../machine.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';
import type { RoundModel } from '../definition.ts';
import { num, numList } from '../notes.ts';

export interface CriticalSection {
  node: NodeId;
  /** True time it asked, entered and left (null: still inside when the trace ends, or crashed inside). */
  requestMs: number;
  enterMs: number;
  exitMs: number | null;
}

/** Every critical section in a trace, in order of entry. */
export function criticalSections(events: readonly TraceEvent[]): CriticalSection[] {
  const out: CriticalSection[] = [];
  const asked = new Map<NodeId, number>();
  const inside = new Map<NodeId, CriticalSection>();
  for (const e of events) {
    if (e.type === 'crash' || e.type === 'fault') {
      asked.delete(e.node);
      inside.delete(e.node);
    }
    if (e.type !== 'note') continue;
    if (e.topic === 'cs-request') asked.set(e.node, e.t);
    else if (e.topic === 'cs-enter') {
      const a = asked.get(e.node);
      const cs: CriticalSection = { node: e.node, requestMs: a ?? e.t, enterMs: e.t, exitMs: null };
      asked.delete(e.node);
      inside.set(e.node, cs);
      out.push(cs);
    } else if (e.topic === 'cs-exit') {
      const cs = inside.get(e.node);
      if (cs) cs.exitMs = e.t;
      inside.delete(e.node);
    }
  }
  return out;
}

/** The CLI's criticalSections: [{ node, enterMs, exitMs }]. */
export function criticalSectionOutcomes(events: readonly TraceEvent[]): { criticalSections: JsonValue[] } {
  return {
    criticalSections: criticalSections(events).map((cs) => ({ node: cs.node, enterMs: cs.enterMs, exitMs: cs.exitMs })),
  };
}

type Note = Extract<TraceEvent, { type: 'note' }>;

/**
 * Never two processes in the critical section at once, fed one event at a time (the page's
 * live monitor, the CLI's violations, the fuzzer). A crash ends whatever the process held.
 * `waiting` is who asked and has not entered, with the note of its request.
 */
export class MutualExclusionChecker implements IncrementalChecker {
  readonly inside = new Set<NodeId>();
  readonly waiting = new Map<NodeId, Note>();

  push(e: TraceEvent): Violation[] {
    if (e.type === 'crash' || e.type === 'fault') {
      this.inside.delete(e.node);
      this.waiting.delete(e.node);
      return [];
    }
    if (e.type !== 'note') return [];
    if (e.topic === 'cs-request') this.waiting.set(e.node, e);
    else if (e.topic === 'cs-exit') this.inside.delete(e.node);
    else if (e.topic === 'cs-enter') {
      const others = [...this.inside].filter((n) => n !== e.node);
      this.waiting.delete(e.node);
      this.inside.add(e.node);
      if (others.length > 0)
        return [
          {
            t: e.t,
            node: e.node,
            invariant: 'mutual exclusion',
            detail: `P${e.node} enters while ${others.map((n) => `P${n}`).join(', ')} ${others.length > 1 ? 'are' : 'is'} inside`,
          },
        ];
    }
    return [];
  }
}

/** The live monitor every mutex algorithm lists (one factory, so one instance runs for all). */
export const mutexMonitor = (): IncrementalChecker => new MutualExclusionChecker();

/**
 * The whole check of a finished trace: the live checkers given, and from `calmFrom` on (no
 * crash, loss or partition after it) every request made is granted before the trace ends.
 */
export function checkMutualExclusion(
  events: readonly TraceEvent[],
  options: { calmFrom: number | null; extra?: readonly IncrementalChecker[] },
): Violation[] {
  const mutex = new MutualExclusionChecker();
  const checkers: IncrementalChecker[] = [mutex, ...(options.extra ?? [])];
  const violations: Violation[] = [];
  for (const e of events) for (const c of checkers) violations.push(...c.push(e));
  if (options.calmFrom !== null) {
    const end = events.at(-1)?.t ?? 0;
    for (const [node, request] of mutex.waiting)
      if (request.t >= options.calmFrom)
        violations.push({
          t: end,
          node,
          invariant: 'every request granted',
          detail: `P${node} asked at ${request.t.toFixed(1)} ms and had not entered by ${end.toFixed(1)} ms`,
        });
  }
  return violations;
}

/** What the panel shows of mutual exclusion now. */
export interface MutexRound {
  /** Processes inside the critical section (more than one would be a violation). */
  readonly inside: readonly NodeId[];
  /** Processes that asked and wait, in order of asking. */
  readonly waiting: readonly NodeId[];
  /** Central coordinator: who holds its grant and who is queued, as it last said. */
  readonly queue: { readonly holder: NodeId | null; readonly queued: readonly NodeId[] } | null;
  /** Ricart–Agrawala: the replies each process defers (process → the requesters it owes a reply). */
  readonly deferred: Readonly<Record<NodeId, readonly NodeId[]>> | null;
  /** Token ring: who holds the token (null while it travels or is lost), and its generation. */
  readonly token: { readonly at: NodeId | null; readonly generation: number } | null;
  readonly entries: number;
}

const without = (list: readonly NodeId[], id: NodeId): readonly NodeId[] => (list.includes(id) ? list.filter((n) => n !== id) : list);

export const mutexRound: RoundModel<MutexRound> = {
  initial: { inside: [], waiting: [], queue: null, deferred: null, token: null, entries: 0 },
  announced: ['cs-enter'],
  apply(r, e) {
    if (e.type === 'crash' || e.type === 'fault') {
      if (!r.inside.includes(e.node) && !r.waiting.includes(e.node) && r.token?.at !== e.node && !(r.deferred && e.node in r.deferred))
        return r;
      const deferred = r.deferred && e.node in r.deferred ? { ...r.deferred, [e.node]: [] } : r.deferred;
      const token = r.token?.at === e.node ? { ...r.token, at: null } : r.token;
      return { ...r, inside: without(r.inside, e.node), waiting: without(r.waiting, e.node), deferred, token };
    }
    if (e.type !== 'note') return r;
    const data = e.data ?? {};
    switch (e.topic) {
      case 'cs-request':
        return { ...r, waiting: [...without(r.waiting, e.node), e.node] };
      case 'cs-enter':
        return { ...r, inside: [...without(r.inside, e.node), e.node], waiting: without(r.waiting, e.node), entries: r.entries + 1 };
      case 'cs-exit':
        return { ...r, inside: without(r.inside, e.node) };
      case 'mutex-queue':
        return { ...r, queue: { holder: data['holder'] === null ? null : num(data['holder']), queued: numList(data['queue']) } };
      case 'mutex-deferred':
        return { ...r, deferred: { ...(r.deferred ?? {}), [e.node]: numList(data['deferred']) } };
      case 'token':
        return { ...r, token: { at: data['at'] === null ? null : num(data['at']), generation: num(data['generation']) } };
      default:
        return r;
    }
  },
};
