// The stage: links, nodes on an ellipse, messages in flight, the true-time reference clock
// in the middle and the legend. Layout is computed once per node list (and, in presenter
// mode, once per stage size and window scale), not per frame.

import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { algorithmFor, type NodeId, type Scenario } from '../../core/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import type { LabState } from '../../store/lab-store.ts';
import { usePresenter } from '../../store/presenter.ts';
import { selectAlgorithm, selectNodeOrder, selectPartition, selectScenario, selectSelected } from '../../store/selectors.ts';
import { Legend } from './Legend.tsx';
import { Links } from './Links.tsx';
import { MessageLayer } from './MessageLayer.tsx';
import { NodeGlyph } from './NodeGlyph.tsx';
import { ReferenceClock } from './ReferenceClock.tsx';
import { PRESENTER_TEXT, presenterLayout, STAGE_HEIGHT, STAGE_WIDTH, stageLayout, type StageLayout, type TextWidths } from './layout.ts';
import {
  type Box,
  LABEL_LINE_EM,
  LABEL_PX,
  type LabelForm,
  type LabelPlace,
  labelShape,
  nodeBoxes,
  placeLabels,
} from './logical-layout.ts';
import { type LogicalMode, selectLogicalDigits, useLogical } from '../../store/logical-view.ts';

/** The true-time clock's corner in presenter mode (layout.clockAt, ReferenceClock's compact text): labels keep out of it. */
const CLOCK_BOX: Box = [0, 0, 190, 70];

/** Whether clocks mean anything here: a clock algorithm, or a node whose clock is off or drifts. */
const selectClocksMatter = (s: LabState): boolean => {
  const algorithm = s.scenario?.algorithm.id;
  if (algorithm !== undefined && algorithmFor(algorithm).drawsClocks) return true;
  const nodes = s.view?.nodes;
  if (!nodes) return false;
  for (const id in nodes) {
    const n = nodes[id];
    if (n && (n.offsetMs !== 0 || n.clock.driftPpm !== 0)) return true;
  }
  return false;
};

/**
 * Presenter mode's text widths, measured in the page's own font: the longest name, and the
 * widest line a node can have under it (any of the algorithm's roles "of" the longest name, or
 * a clock's offset). Measured once per scenario, so nodes do not move as roles change.
 */
function measureWidths(scenario: Scenario | null): TextWidths {
  const names = scenario?.nodes.map((n) => n.name) ?? [];
  const context = document.createElement('canvas').getContext('2d');
  const font = getComputedStyle(document.documentElement).fontFamily;
  const width = (text: string, px = 24): number => {
    if (!context) return text.length * px * 0.65;
    context.font = `700 ${px}px ${font}`;
    return context.measureText(text).width;
  };
  const longest = names.reduce((a, b) => (width(b) > width(a) ? b : a), '');
  const algorithm = scenario ? algorithmFor(scenario.algorithm.id) : null;
  // A clock algorithm's role line is the role alone (see NodeGlyph's leaderInRole).
  // A leader's line is its role alone ("coordinator"); the others name it ("follower of P10").
  const roles = Object.entries(algorithm?.roles ?? {}).map(([r, family]) =>
    algorithm?.drawsClocks || family === 'leader' ? r : `${r} of ${longest}`,
  );
  const lines = [...roles, 'crashed', '−1,000 ms', '100.000 s'];
  return { name: width(longest), nameAbove: width(longest, PRESENTER_TEXT.name), line: Math.max(...lines.map((l) => width(l))) };
}

/** One character of the logical clocks' monospace font at presenter mode's size (lab.css .glyph-logical). */
function monoCharWidth(): number {
  const context = document.createElement('canvas').getContext('2d');
  const mono = getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace';
  if (!context) return LABEL_PX * 0.62;
  context.font = `700 ${LABEL_PX}px ${mono}`;
  return context.measureText('0000000000').width / 10;
}

/**
 * Presenter mode's places for the logical clocks (logical-layout.ts): the whole label where
 * every node's fits, else each node's own entry, else none (never two touching).
 */
function logicalPlaces(
  layout: StageLayout,
  mode: LogicalMode,
  digits: number,
  lineWidth: number,
): { form: LabelForm; places: ReadonlyMap<NodeId, LabelPlace> } | null {
  if (!layout.presenter || !layout.detailed || mode === 'off') return null;
  const char = monoCharWidth();
  const obstacles = [...nodeBoxes(layout, lineWidth), CLOCK_BOX];
  const forms: LabelForm[] = mode === 'lamport' ? ['lamport'] : ['vector', 'own'];
  for (const form of forms) {
    const { rows, chars } = labelShape(form, layout.positions.size, digits);
    // The text's own extent (rows LABEL_LINE_EM apart, each about 1.25 em tall) and its 2 px outline.
    const width = chars * char + 4;
    const height = ((rows - 1) * LABEL_LINE_EM + 1.25) * LABEL_PX + 4;
    const places = placeLabels(layout, width, height, obstacles);
    if (places) return { form, places };
  }
  return null;
}

/** The CSS-pixel size of an element, followed as it changes (null until first measured). */
function useSize(ref: React.RefObject<Element | null>, active: boolean): { width: number; height: number } | null {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!active || !el) return;
    const measure = (): void => {
      const r = el.getBoundingClientRect();
      // Exact, not rounded: the viewBox must equal the box for one unit to be one pixel.
      const next = { width: r.width, height: r.height };
      setSize((old) => (old && Math.abs(old.width - next.width) < 0.01 && Math.abs(old.height - next.height) < 0.01 ? old : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, active]);
  return active ? size : null;
}

export function Stage() {
  const order = useLab(selectNodeOrder);
  const selected = useLab(selectSelected);
  const algorithm = useLab(selectAlgorithm);
  const partition = useLab(selectPartition);
  const presenter = usePresenter((s) => s.on);
  // One viewBox unit is `scale` CSS px: 1 at 1280×720, more in a larger window (store/presenter.ts).
  const scale = usePresenter((s) => s.scale);
  const clocks = useLab((s) => presenter && selectClocksMatter(s));
  const drawsClocks = algorithm !== null && algorithmFor(algorithm).drawsClocks;
  const store = useLabStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  const size = useSize(svg, presenter);
  const scenario = useLab(selectScenario);
  const widths = useMemo(() => (presenter ? measureWidths(scenario) : null), [presenter, scenario]);
  const layout = useMemo(
    () => (size && widths ? presenterLayout(order, size.width / scale, size.height / scale, clocks ? 3 : 1, widths) : stageLayout(order)),
    [order, size, scale, clocks, widths],
  );
  const logicalMode = useLogical((s) => s.mode);
  // Sized for two digits at least, so the labels do not move until an entry reaches 100.
  const digitsOf = useMemo(
    () => selectLogicalDigits(order, presenter && layout.detailed ? logicalMode : 'off'),
    [order, presenter, layout.detailed, logicalMode],
  );
  const digits = useLab(digitsOf);
  const logical = useMemo(
    () => (widths ? logicalPlaces(layout, logicalMode, Math.max(2, digits), widths.line) : null),
    [layout, logicalMode, digits, widths],
  );
  const onSelect = useCallback(
    (id: NodeId) => {
      const s = store.getState();
      if (s.selectedLink) s.selectLink(null);
      s.select(s.selected === id ? null : id);
    },
    [store],
  );
  const width = size ? size.width / scale : STAGE_WIDTH;
  const height = size ? size.height / scale : STAGE_HEIGHT;
  return (
    <section className="stage" aria-label="Nodes and messages">
      <svg ref={svg} className="stage-svg" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMidYMid meet">
        <Links order={order} layout={layout} algorithm={algorithm} />
        <ReferenceClock at={layout.clockAt ?? layout.centre} compact={!layout.detailed || layout.presenter} />
        {order.map((id, i) => (
          <NodeGlyph
            key={id}
            id={id}
            vectorIndex={i}
            logicalAt={layout.presenter ? (logical?.places.get(id) ?? null) : undefined}
            logicalOwn={logical?.form === 'own'}
            at={layout.positions.get(id) ?? layout.centre}
            r={layout.radius}
            detailed={layout.detailed}
            textScale={layout.textScale}
            presenter={layout.presenter}
            nameInside={layout.nameInside}
            lines={layout.linesBelow ?? 3}
            leaderInRole={!layout.presenter || !drawsClocks}
            selected={selected === id}
            onSelect={onSelect}
          />
        ))}
        <MessageLayer layout={layout} />
      </svg>
      {partition && (
        <p className="partition-banner" role="status">
          Partitioned: {partition.map((g) => `{${g.join(', ')}}`).join(' | ')}
        </p>
      )}
      <Legend />
    </section>
  );
}
