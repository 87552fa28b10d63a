// What every checker returns: a list of violations, each with when and what.

export interface Violation {
  /** True time at which the invariant was found broken. */
  t: number;
  invariant: string;
  detail: string;
  /** The node it shows on, when it is about one. */
  node?: number;
}

export function formatViolations(vs: readonly Violation[]): string {
  return vs.map((v) => `t=${v.t.toFixed(3)} ${v.invariant}: ${v.detail}`).join('\n');
}
