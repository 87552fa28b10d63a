// NTP's checker and outcomes: every accepted sample's correction is within δ/2 plus the drift
// allowance of the server's clock (bound.ts), live (a monitor) and over a finished trace; and
// once nothing fails, every node with an upstream keeps syncing. The CLI's `syncs` are the
// same judged syncs.

import { type IncrementalChecker, UserSteps } from '../../check/clock-sync.ts';
import { ClockReplay } from '../../check/clock-replay.ts';
import type { Violation } from '../../check/violations.ts';
import type { JsonValue } from '../../machine.ts';
import type { Scenario } from '../../scenario.ts';
import type { TraceEvent } from '../../trace.ts';
import type { NodeId } from '../../time.ts';
import type { Outcomes } from '../definition.ts';
import { emptyTrack, foldNtp, type NtpSyncOutcome, type NtpTrack } from './bound.ts';
import { type NtpSettings, upstreamOf } from './machine.ts';

/** Judges every `ntp-sync` as it is traced. */
export class NtpBoundChecker implements IncrementalChecker {
  private readonly replay = new ClockReplay();
  private track: NtpTrack = emptyTrack;
  private readonly steps = new UserSteps();
  readonly syncs: NtpSyncOutcome[] = [];

  push(e: TraceEvent): Violation[] {
    this.replay.apply(e);
    this.steps.push(e);
    const { track, sync } = foldNtp(this.track, e, (n) => this.replay.clock(n));
    this.track = track;
    if (sync === null) return [];
    this.syncs.push(sync);
    if (sync.within) return [];
    // A clock stepped by hand between the sample and the correction: the bound assumes neither jumped.
    if (this.steps.within([sync.client, sync.server], sync.sampleT ?? e.t - 60_000, e.t)) return [];
    return [
      {
        t: e.t,
        node: sync.client,
        invariant: 'ntp bound',
        detail:
          `P${sync.client} error ${sync.errorMs.toFixed(3)} ms against P${sync.server} exceeds δ/2 + drift allowance ` +
          `= ${sync.knownBoundMs.toFixed(3)} + ${sync.driftAllowanceMs.toFixed(3)} ms`,
      },
    ];
  }
}

/** Every sync of a trace, judged. */
export function ntpSyncs(events: readonly TraceEvent[]): NtpSyncOutcome[] {
  const checker = new NtpBoundChecker();
  for (const e of events) checker.push(e);
  return checker.syncs;
}

const micro = (ms: number): number => {
  const r = Math.round(ms * 1000) / 1000;
  return r === 0 ? 0 : r;
};

/** The CLI's `syncs`: offset θ, delay δ, the bound and both errors of every sync, to the microsecond. */
export function ntpOutcomes(events: readonly TraceEvent[]): Outcomes {
  const syncs = ntpSyncs(events).map((s): JsonValue => ({
    client: s.client,
    server: s.server,
    stratum: s.stratum,
    t: micro(s.t),
    round: s.poll,
    t1: micro(s.t1),
    t2: micro(s.t2),
    t3: micro(s.t3),
    t4: micro(s.t4),
    offsetMs: micro(s.offsetMs),
    delayMs: micro(s.delayMs),
    samples: s.samples.length,
    boundMs: micro(s.boundMs),
    driftAllowanceMs: micro(s.driftAllowanceMs),
    errorMs: micro(s.errorMs),
    trueErrorMs: micro(s.trueErrorMs),
    within: s.within,
  }));
  return { syncs };
}

/**
 * The bound on every sync, and from `calmFrom` on (nothing failing) every node with an
 * upstream in the run, alive at the end, syncs at least once after it.
 */
export function checkNtp(events: readonly TraceEvent[], scenario: Scenario, options: { calmFrom: number | null }): Violation[] {
  const checker = new NtpBoundChecker();
  const violations = events.flatMap((e) => checker.push(e));
  const { calmFrom } = options;
  if (calmFrom === null) return violations;
  const settings = scenario.algorithm.settings as NtpSettings;
  const ids = new Set(scenario.nodes.map((n) => n.id));
  const alive = new Map<NodeId, boolean>();
  for (const e of events) {
    if (e.type === 'crash') alive.set(e.node, false);
    if (e.type === 'boot') alive.set(e.node, true);
  }
  const end = events.at(-1)?.t ?? 0;
  for (const id of ids) {
    const up = upstreamOf(id, settings);
    if (up === null || !ids.has(up) || alive.get(id) === false) continue;
    if (!checker.syncs.some((s) => s.client === id && s.t >= calmFrom))
      violations.push({ t: end, node: id, invariant: 'ntp syncs', detail: `P${id} never synced to P${up} after the faults stopped` });
  }
  return violations;
}
