// What the trace shows of the token: where it is (the `token` notes: held at a process, or
// passed to one), how many exist (holders plus TOKENs in flight), how many hops each entry
// waited for it, and the round the panel shows. Read by the checker, the CLI and the page.

import type { IncrementalChecker } from '../../check/clock-sync.ts';
import type { Violation } from '../../check/violations.ts';
import type { JsonValue } from '../../machine.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';
import type { RoundModel } from '../definition.ts';
import { criticalSectionOutcomes, type MutexRound, mutexRound } from '../mutex-common/critical-sections.ts';
import { numList } from '../notes.ts';

/**
 * Counts live tokens: processes holding one (a `token` note with `at`, until it passes it or
 * crashes) and TOKENs in flight of the newest generation seen (an older one in flight is
 * refused wherever it lands: every process that backed the newer claim refuses it, and the
 * fence covers those that did not). From `from` on there must be at most one.
 */
export class TokenCountChecker implements IncrementalChecker {
  private readonly holders = new Set<NodeId>();
  /** Tokens in flight: message id → its generation's rank. */
  private readonly flying = new Map<number, number>();
  private newest = 0;
  private reported = false;
  constructor(private readonly from: number) {}

  /** Ranks a (generation, origin) pair so that newer ones rank higher. */
  private rank(gen: unknown, origin: unknown): number {
    const r = (typeof gen === 'number' ? gen : 0) * 1_000_000 + (typeof origin === 'number' ? origin : 0);
    this.newest = Math.max(this.newest, r);
    return r;
  }

  get count(): number {
    let flying = 0;
    for (const r of this.flying.values()) if (r >= this.newest) flying++;
    return this.holders.size + flying;
  }

  push(e: TraceEvent): Violation[] {
    switch (e.type) {
      case 'crash':
      case 'fault':
        this.holders.delete(e.node);
        break;
      case 'send':
        if (e.kind === 'TOKEN') {
          const m = e.msg as { gen?: unknown; origin?: unknown };
          this.flying.set(e.msgId, this.rank(m.gen, m.origin));
        }
        break;
      case 'deliver':
      case 'drop':
        this.flying.delete(e.msgId);
        break;
      case 'note':
        if (e.topic !== 'token') break;
        this.rank(e.data?.['generation'], e.data?.['origin']);
        if (e.data?.['at'] === e.node) this.holders.add(e.node);
        else this.holders.delete(e.node);
        break;
      default:
        break;
    }
    if (e.t < this.from || this.count <= 1 || this.reported) return [];
    this.reported = true;
    const inFlight = this.count - this.holders.size;
    return [
      {
        t: e.t,
        node: e.type === 'action' ? 0 : e.node,
        invariant: 'one token',
        detail: `${this.count} tokens at once (held by ${[...this.holders].map((n) => `P${n}`).join(', ') || 'nobody'}, ${inFlight} in flight)`,
      },
    ];
  }
}

export interface TokenWait {
  node: NodeId;
  enterMs: number;
  /** TOKEN messages sent from its request to its entry: 0 to n when nothing fails. */
  passes: number;
}

/** Every entry with the token hops it waited (the theory says 0 to n). */
export function tokenWaits(events: readonly TraceEvent[]): TokenWait[] {
  let sent = 0;
  const askedAt = new Map<NodeId, number>();
  const out: TokenWait[] = [];
  for (const e of events) {
    if (e.type === 'send' && e.kind === 'TOKEN') sent++;
    else if (e.type === 'crash' || e.type === 'fault') askedAt.delete(e.node);
    else if (e.type === 'note' && e.topic === 'cs-request') askedAt.set(e.node, sent);
    else if (e.type === 'note' && e.topic === 'cs-enter') {
      out.push({ node: e.node, enterMs: e.t, passes: sent - (askedAt.get(e.node) ?? sent) });
      askedAt.delete(e.node);
    }
  }
  return out;
}

/** The CLI's arrays: criticalSections, and tokenWaits (each entry's hops from asking to entering). */
export function tokenRingOutcomes(events: readonly TraceEvent[]): Record<string, JsonValue[]> {
  return {
    ...criticalSectionOutcomes(events),
    tokenWaits: tokenWaits(events).map((w) => ({ node: w.node, enterMs: w.enterMs, passes: w.passes })),
  };
}

/** The panel's round: the mutex round, plus where the token is going and the ring it goes round. */
export interface TokenRound extends MutexRound {
  /** The process the token was last passed to while it travels; null while held or lost. */
  readonly to: NodeId | null;
  readonly ring: readonly NodeId[];
  readonly regenerations: number;
}

export const tokenRound: RoundModel<TokenRound> = {
  initial: { ...mutexRound.initial, to: null, ring: [], regenerations: 0 },
  announced: [...mutexRound.announced, 'token-regenerated'],
  apply(r, e, clockOf) {
    const base = mutexRound.apply(r, e, clockOf);
    if (e.type === 'crash' && base.token?.at === null && r.token?.at === e.node) return { ...r, ...base, to: null };
    if (e.type === 'drop' && e.kind === 'TOKEN' && r.to === e.node) return { ...r, ...base, to: null };
    if (e.type !== 'note') return base === r ? r : { ...r, ...base };
    if (e.topic === 'token') {
      const to = e.data?.['to'];
      return { ...r, ...base, to: typeof to === 'number' ? to : null, ring: numList(e.data?.['ring']) };
    }
    if (e.topic === 'token-regenerated') return { ...r, ...base, regenerations: r.regenerations + 1 };
    if (e.topic === 'token-discarded' && r.to === e.node) return { ...r, ...base, to: null };
    if (e.topic === 'token-join') return { ...r, ...base, ring: numList(e.data?.['ring']) };
    return base === r ? r : { ...r, ...base };
  },
};
