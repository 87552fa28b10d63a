// Failure detection shared by the elections: the coordinator sends HEARTBEAT to every other
// process each period; a follower that hears none within the timeout suspects it and holds
// an election. Off in the lab presets, where the failure is noticed by being told.

import type { Effect, Message, NodeContext } from '../machine.ts';
import type { NodeId } from '../time.ts';
import type { NetworkTiming } from '../timeouts.ts';

export interface HeartbeatSettings {
  heartbeat: boolean;
  heartbeatPeriodMs: number;
  /** A follower that hears no heartbeat for this long suspects the coordinator. */
  heartbeatTimeoutMs: number;
}

export const TIMER_HEARTBEAT = 'heartbeat';
export const TIMER_WATCH = 'heartbeat-watch';

/** Timer effects: they carry no message, so they fit every algorithm's effect list. */
export type TimerEffect = Extract<Effect, { type: 'timer' } | { type: 'cancel' }>;

/** Re-arms failure detection for whoever we now follow (or the heartbeat if we lead). */
export function heartbeatTimers(leader: NodeId | null, ctx: NodeContext<HeartbeatSettings>): TimerEffect[] {
  if (!ctx.config.heartbeat) return [];
  if (leader === ctx.self) {
    return [
      { type: 'cancel', key: TIMER_WATCH },
      { type: 'timer', key: TIMER_HEARTBEAT, afterMs: ctx.config.heartbeatPeriodMs },
    ];
  }
  return [
    { type: 'cancel', key: TIMER_HEARTBEAT },
    { type: 'timer', key: TIMER_WATCH, afterMs: ctx.config.heartbeatTimeoutMs },
  ];
}

/** The coordinator's beat: a heartbeat to everyone, and the next beat armed. */
export function beat<M extends Message>(ctx: NodeContext<HeartbeatSettings>, heartbeat: M): Effect<M>[] {
  return [
    ...ctx.peers.map((to): Effect<M> => ({ type: 'send', to, msg: heartbeat })),
    { type: 'timer', key: TIMER_HEARTBEAT, afterMs: ctx.config.heartbeatPeriodMs },
  ];
}

/**
 * The heartbeat timeout for a network this slow: a follower adopts its coordinator at least
 * one delay after the announcement and the first beat comes a period after it, so gaps run
 * up to a period plus one delay; three delays leave slack (timeouts.ts).
 */
export function scaledHeartbeat<S extends HeartbeatSettings>(settings: S, timing: NetworkTiming): S {
  return {
    ...settings,
    heartbeatTimeoutMs: Math.max(settings.heartbeatTimeoutMs, settings.heartbeatPeriodMs + Math.ceil(3 * timing.oneWayMs)),
  };
}

/** The follower's heartbeat watch follows the network; the coordinator's beat is a period (TimeoutRules.armedFor). */
export const heartbeatArmedFor = (key: string, settings: HeartbeatSettings): number | undefined =>
  key === TIMER_WATCH ? settings.heartbeatTimeoutMs : undefined;

/** The heartbeat timeout as the page lists it, when heartbeats are on. */
export const heartbeatTimeoutItem = (settings: HeartbeatSettings): { label: string; ms: number }[] =>
  settings.heartbeat ? [{ label: 'heartbeat timeout', ms: settings.heartbeatTimeoutMs }] : [];
