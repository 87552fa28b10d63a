// A node's hardware clock: C(t) = reference + (t - tRef) * (1 + drift), plus an optional
// slew in progress. Stepping sets the reading (possibly backwards); slewing runs the clock
// a little fast or slow until an adjustment is absorbed and never runs it backwards.
// A new slew replaces any unabsorbed remainder (as adjtime does), because a relative
// adjustment computed from the current reading already accounts for what was absorbed.

import type { LocalTime, TrueTime } from './time.ts';

export interface ClockInit {
  /** The reading at true time 0, in ms (so also the initial offset from true time). */
  offsetMs: number;
  /** Rate error in parts per million: +50,000 runs 5% fast. */
  driftPpm: number;
}

export interface ClockState {
  refTrue: number;
  refLocal: number;
  driftPpm: number;
  /** Local ms still to absorb by slewing (signed). */
  slewLeftMs: number;
  /** Extra rate while slewing, as a fraction (0.05 = 5% fast or slow). */
  slewRate: number;
}

/** Keeps slewing strictly monotonic whatever the drift setting allows. */
export const MAX_SLEW_RATE = 0.5;
export const DEFAULT_SLEW_RATE = 0.05;

export function makeClock(init: ClockInit, slewRate = DEFAULT_SLEW_RATE): ClockState {
  return {
    refTrue: 0,
    refLocal: init.offsetMs,
    driftPpm: init.driftPpm,
    slewLeftMs: 0,
    slewRate: Math.min(Math.max(slewRate, 1e-6), MAX_SLEW_RATE),
  };
}

export const rateOf = (clock: ClockState): number => 1 + clock.driftPpm * 1e-6;

export function readClock(clock: ClockState, t: TrueTime): LocalTime {
  const dt = t - clock.refTrue;
  const base = clock.refLocal + dt * rateOf(clock);
  if (clock.slewLeftMs === 0) return base as LocalTime;
  const finish = Math.abs(clock.slewLeftMs) / clock.slewRate;
  if (dt >= finish) return (base + clock.slewLeftMs) as LocalTime;
  return (base + Math.sign(clock.slewLeftMs) * clock.slewRate * dt) as LocalTime;
}

/** Remaining slew at t. */
function slewLeftAt(clock: ClockState, t: TrueTime): number {
  if (clock.slewLeftMs === 0) return 0;
  const dt = t - clock.refTrue;
  const absorbed = clock.slewRate * dt;
  if (absorbed >= Math.abs(clock.slewLeftMs)) return 0;
  return clock.slewLeftMs - Math.sign(clock.slewLeftMs) * absorbed;
}

/** True time at which the current slew completes, or null. */
export function slewEndsAt(clock: ClockState): TrueTime | null {
  if (clock.slewLeftMs === 0) return null;
  return (clock.refTrue + Math.abs(clock.slewLeftMs) / clock.slewRate) as TrueTime;
}

export function setDrift(clock: ClockState, t: TrueTime, driftPpm: number): ClockState {
  const rebased = rebase(clock, t);
  return { ...rebased, driftPpm };
}

/** Steps the clock (ending any slew) so that it reads t + offsetMs: the user's "this clock jumps". */
export function setOffset(clock: ClockState, t: TrueTime, offsetMs: number): ClockState {
  return { ...clock, refTrue: t, refLocal: t + offsetMs, slewLeftMs: 0 };
}

export function stepClock(clock: ClockState, t: TrueTime, deltaMs: number): ClockState {
  const reading = readClock(clock, t);
  return { ...clock, refTrue: t, refLocal: reading + deltaMs, slewLeftMs: 0 };
}

export function slewClock(clock: ClockState, t: TrueTime, deltaMs: number): ClockState {
  const reading = readClock(clock, t);
  return { ...clock, refTrue: t, refLocal: reading, slewLeftMs: deltaMs };
}

/** Rebase so that refLocal is the reading at t and the remaining slew carries over. */
function rebase(clock: ClockState, t: TrueTime): ClockState {
  return { ...clock, refTrue: t, refLocal: readClock(clock, t), slewLeftMs: slewLeftAt(clock, t) };
}

/** True-time delay until this clock has advanced by `localMs` (ignores slew; timers are approximate by design). */
export function trueDelayFor(clock: ClockState, localMs: number): number {
  return Math.max(0, localMs) / rateOf(clock);
}

export const offsetOf = (clock: ClockState, t: TrueTime): number => readClock(clock, t) - t;
