// Branded time types. True time exists only inside the simulator; nodes see only their
// local clock. Keeping them apart in the types stops a clock-sync bug hiding in a silent mix.

declare const trueBrand: unique symbol;
declare const localBrand: unique symbol;

/** Simulator time in milliseconds since the run started. Never visible to a node. */
export type TrueTime = number & { readonly [trueBrand]: true };
/** A reading of one node's local clock, in milliseconds. */
export type LocalTime = number & { readonly [localBrand]: true };

export const trueTime = (ms: number): TrueTime => ms as TrueTime;
export const localTime = (ms: number): LocalTime => ms as LocalTime;

/** The smallest float above t (for an event that must come right after others at t). */
export function justAfter(t: number): number {
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, Math.max(0, t));
  bits.setBigUint64(0, bits.getBigUint64(0) + 1n);
  return bits.getFloat64(0);
}

/**
 * The time a live user action gets: the first whole microsecond at or after t (strictly
 * after, when events at t have run or are due). Whole microseconds print short in a URL
 * (`1523.457`) and parse back to the same float, so a shared run replays exactly.
 */
export function onMicrosecond(t: number, strictlyAfter: boolean): number {
  let k = Math.ceil(Math.max(0, t) * 1000);
  let at = k / 1000;
  while (at < t || (strictlyAfter && at === t)) at = ++k / 1000;
  return at;
}

/** Node identifiers are small positive integers; their order matters to the elections. */
export type NodeId = number;
