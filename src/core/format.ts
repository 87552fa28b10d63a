// The one way the lab writes a time and names a node, shared by the log sentences, the CLI,
// the run report and the page. Pure and locale-independent, so every place prints the same.

import type { NodeId } from './time.ts';

/** Milliseconds (true time or a clock reading) as seconds with three decimals: 1204 → "1.204 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** A signed amount of milliseconds, one decimal, with the sign always shown: "+12.3 ms", "-0.5 ms". */
export function formatSignedMs(ms: number): string {
  const rounded = Math.round(ms * 10) / 10;
  const sign = rounded < 0 ? '-' : '+';
  return `${sign}${Math.abs(rounded).toFixed(1)} ms`;
}

export type NameOf = (id: NodeId) => string;

/** Names nodes by their display names (MIT, MOBILE, P5...); an id nobody named reads "P<id>". */
export function namer(nodes: Iterable<{ readonly id: NodeId; readonly name: string }> | undefined): NameOf {
  const names = new Map<NodeId, string>();
  for (const n of nodes ?? []) names.set(n.id, n.name);
  return (id) => names.get(id) ?? `P${id}`;
}
