// What the page knows of one algorithm beyond the core's definition: the body of its round
// panel (which reads the round the core's definition folds), and its message kinds' colours
// and marks. Each lives in src/views/algorithms/<id>/index.tsx; registry.ts finds them.

import type { ComponentType } from 'react';
import type { AlgorithmSpec, NodeId, TraceEvent } from '../../core/index.ts';

export type NameOf = (id: NodeId) => string;

/** A message kind's shape (d3-shape's symbols), so kinds differ by more than colour and letter. */
export type KindShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'star' | 'wye' | 'cross';

export interface KindLook {
  colour: string;
  /** One or two letters drawn on a message so its kind reads without colour (default: its first letter). */
  mark?: string;
  /** Its shape on the stage and in the space-time diagram; kinds of one algorithm each take their own (default: from the name). */
  shape?: KindShape;
}

export interface MetricsPartProps {
  events: readonly TraceEvent[];
  algorithm: AlgorithmSpec;
  nodeCount: number;
  nameOf: NameOf;
}

export interface AlgorithmViews<Round = unknown> {
  readonly id: string;
  readonly RoundPanel: ComponentType<{ round: Round; nameOf: NameOf }>;
  /** Extra rows the metrics panel shows for it, beside the message counts. */
  readonly MetricsPart?: ComponentType<MetricsPartProps>;
  readonly kinds: Readonly<Record<string, KindLook>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAlgorithmViews = AlgorithmViews<any>;
