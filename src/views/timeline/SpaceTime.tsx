// The live space-time diagram: one lane per node, arrows for messages, drawn on a canvas
// from the trace, with a time axis. It follows the present while the run plays. d3-zoom owns
// the gestures (wheel and pinch zoom, drag pans; the page does not scroll under a wheel
// zoom) and the keyboard's zoom and pan; any of them stops following until "Follow" is
// pressed. Hovering an arrow shows the message; clicking near an event asks the page to
// jump there. A toggle draws every event at its node's local time, so clock skew visibly
// bends the arrows. A table below lists the events in view, as text.

import { select } from 'd3-selection';
import { type D3ZoomEvent, zoom, type ZoomBehavior, zoomIdentity, type ZoomTransform } from 'd3-zoom';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type CausalRelation,
  type Causality,
  describeEventBody,
  formatSeconds,
  type LogicalClocks,
  type NodeId,
  type TraceEvent,
} from '../../core/index.ts';
import { logicalLabel, useLogical } from '../../store/logical-view.ts';
import { download } from './download.ts';
import { looksOf } from '../stage/palette.ts';
import {
  AXIS_HEIGHT,
  type CausalView,
  type DiagramTheme,
  type DrawOptions,
  drawSpaceTime,
  geometry,
  LABEL_WIDTH,
  spaceTimeSvg,
  type Viewport,
} from './spacetime-draw.ts';
import {
  arrowsIn,
  type DiagramArrow,
  type DiagramDot,
  lowerBound,
  nearestArrow,
  type SpaceTimeBuilder,
  type SpaceTimeModel,
  type TimeAxis,
} from '../../store/spacetime-model.ts';

export interface SpaceTimeProps {
  /** The run's diagram on an axis, built as the run grows (the store's run index). */
  diagram: (axis: TimeAxis) => SpaceTimeBuilder;
  /** Events the diagram has read: it changed when this did. */
  version: number;
  /** The trace event at an index, for the table of events in view. */
  eventAt: (index: number) => TraceEvent | undefined;
  nameOf: (id: NodeId) => string;
  /** True time the run has reached (as the page's numbers show it: the window's text and table follow this). */
  now: number;
  /**
   * Time as it moves every frame, when the page has it apart from `now` (the store's readout
   * moves ten times a second): the canvas is redrawn on each tick without a React render.
   */
  follow?: { current: () => number; subscribe: (listener: (now: number) => void) => () => void } | null;
  /** Asked to show the run at true time t (an event was clicked). */
  onSeek?: (t: number) => void;
  /** ms of history shown while following the present. */
  initialSpanMs?: number;
  /** The run's logical clocks (issue 11): with the toggle on, a click selects an event and lights its causal past and future. */
  logical?: LogicalClocks | null;
  /** The run's algorithm, whose folder says how its message kinds look. */
  algorithm?: string | null;
}

/** Words for how an event stands to the selected one (the table's column and the diagram's name). */
const RELATION_WORDS: Record<CausalRelation, string> = {
  self: 'selected',
  past: 'causal past (happened before)',
  future: 'causal future (happened after)',
  concurrent: 'concurrent',
};

/** The narrowest and widest windows a zoom may reach (ms). */
const MIN_SPAN = 1;
const MAX_SPAN = 1e8;
/** One key press zooms by this factor, or pans by this share of the window. */
const KEY_ZOOM = 1.5;
const KEY_PAN = 0.1;
/** The events-in-view table lists at most this many rows. */
const TABLE_LIMIT = 200;

/**
 * The diagram's colours come from CSS variables, but reading computed style forces the
 * browser to recompute styles: do it once per theme (explicit or from the system, and
 * whether forced colours are on), not per frame.
 */
const themes = new Map<string, DiagramTheme>();

const forcedColours = (): boolean => window.matchMedia('(forced-colors: active)').matches;

function themeFor(el: HTMLElement | null): DiagramTheme {
  const key = `${document.documentElement.dataset['theme'] ?? ''}:${window.matchMedia('(prefers-color-scheme: dark)').matches}:${forcedColours()}`;
  let theme = themes.get(key);
  if (!theme) {
    theme = readTheme(el);
    if (el) themes.set(key, theme);
  }
  return theme;
}

/**
 * A CSS colour as the canvas can take it: custom properties hold what was written (a system
 * colour such as CanvasText, a var()), so it is resolved on a probe element, exempt from
 * forced colours so it keeps the value asked for.
 */
function resolveColour(el: HTMLElement, value: string): string {
  const probe = document.createElement('span');
  probe.style.forcedColorAdjust = 'none';
  probe.style.color = value;
  el.append(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved || value;
}

function readTheme(el: HTMLElement | null): DiagramTheme {
  const css = el ? getComputedStyle(el) : null;
  const v = (name: string, fallback: string): string => {
    const value = css?.getPropertyValue(name).trim() || fallback;
    return el && name !== '--st-font-size' ? resolveColour(el, value) : value;
  };
  return {
    background: v('--st-bg', '#ffffff'),
    lane: v('--st-lane', '#6b7280'),
    text: v('--st-text', '#111827'),
    band: v('--st-band', 'rgba(230, 159, 0, 0.25)'),
    gap: v('--st-gap', '#9ca3af'),
    grid: v('--st-grid', '#d1d5db'),
    font: `${v('--st-font-size', '14px')} system-ui, sans-serif`,
    past: v('--st-past', '#0072B2'),
    future: v('--st-future', '#D55E00'),
    // Forced colours (Windows high contrast) leave a canvas alone: draw every arrow in the
    // system's text colour, and let shapes, letters, dashes and crosses tell them apart.
    ink: forcedColours() ? v('--st-text', 'CanvasText') : null,
  };
}

export function SpaceTime({
  diagram,
  version,
  eventAt,
  nameOf,
  now,
  onSeek,
  initialSpanMs = 5000,
  logical = null,
  algorithm = null,
  follow = null,
}: SpaceTimeProps) {
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [axis, setAxis] = useState<TimeAxis>('true');
  const [width, setWidth] = useState(800);
  const [span, setSpan] = useState(initialSpanMs);
  /** null while following the present; otherwise the window the user chose. */
  const [manual, setManual] = useState<{ x0: number; x1: number } | null>(null);
  const [hover, setHover] = useState<{ arrow: DiagramArrow; px: number; py: number } | null>(null);
  const [tableOpen, setTableOpen] = useState(false);
  const builder = diagram(axis);
  // The builder grows in place: the version, not its identity, says it changed.
  const model = useMemo(() => builder.model(), [builder, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const causal = useCausal(logical, version, model);
  const looks = looksOf(algorithm);
  const drawn = useMemo(() => ({ ...causal.draw, looks }), [causal.draw, looks]);
  // Drawing a diagram nobody can see (scrolled away) is wasted frame time.
  const [visible, setVisible] = useState(true);
  const height = Math.min(520, Math.max(160, 36 + model.lanes.length * 26)) + AXIS_HEIGHT;

  const viewAt = useCallback(
    (t: number): Viewport => {
      const x1 = manual ? manual.x1 : Math.max(t, 1);
      const x0 = manual ? manual.x0 : x1 - span;
      return { x0, x1, width, height };
    },
    [manual, span, width, height],
  );
  // What the window's text, table and exports say; the canvas may be drawn a little later (`follow`).
  const view: Viewport = useMemo(() => viewAt(now), [viewAt, now]);

  // d3-zoom's and the pointer's handlers outlive renders: they read the view and time last drawn, and the model, from here.
  const latest = useRef({ view, model, now });
  useEffect(() => {
    latest.current.model = model;
  });
  const behaviour = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(200, Math.floor(entry.contentRect.width)));
    });
    observer.observe(el);
    const seen = new IntersectionObserver(([entry]) => setVisible(entry?.isIntersecting ?? true));
    seen.observe(el);
    // Out of view it is not redrawn; a printed page shows it, so printing draws it now.
    const printing = window.matchMedia('print');
    const drawForPrint = (): void => setVisible(true);
    printing.addEventListener('change', drawForPrint);
    window.addEventListener('beforeprint', drawForPrint);
    return () => {
      observer.disconnect();
      seen.disconnect();
      printing.removeEventListener('change', drawForPrint);
      window.removeEventListener('beforeprint', drawForPrint);
    };
  }, []);

  // Zoom and pan through d3-zoom. Its transform is cumulative; each gesture is read relative
  // to where it started, against the window shown then (which may have been following the
  // present), so the zoom and the "Follow" button never fight over one transform.
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    let from: { view: Viewport; transform: ZoomTransform } | null = null;
    const zoomed = zoom<HTMLCanvasElement, unknown>()
      .on('start', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
        from = { view: latest.current.view, transform: event.transform };
        setHover(null);
      })
      .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
        if (!from) return;
        const k = event.transform.k / from.transform.k;
        const relative = zoomIdentity.translate(event.transform.x - from.transform.x * k, 0).scale(k);
        const [x0, x1] = relative.rescaleX(geometry(latest.current.model, from.view).x).domain() as [number, number];
        if (x1 - x0 >= MIN_SPAN && x1 - x0 <= MAX_SPAN) setManual({ x0, x1 });
      })
      .on('end', () => {
        from = null;
      });
    const selection = select(c);
    // A double click jumps to an event (below), it does not zoom.
    selection.call(zoomed).on('dblclick.zoom', null);
    behaviour.current = zoomed;
    return () => {
      selection.on('.zoom', null);
      behaviour.current = null;
    };
  }, []);

  const paint = useCallback(
    (t: number): void => {
      const v = viewAt(t);
      latest.current.view = v;
      latest.current.now = t;
      const c = canvas.current;
      const ctx = c?.getContext('2d');
      if (!c || !ctx || !visible) return;
      const ratio = window.devicePixelRatio || 1;
      if (c.width !== v.width * ratio || c.height !== v.height * ratio) {
        c.width = v.width * ratio;
        c.height = v.height * ratio;
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawSpaceTime(ctx, model, v, themeFor(container.current), nameOf, t, hover?.arrow ?? null, axis, drawn);
    },
    [model, viewAt, nameOf, hover, visible, axis, drawn],
  );
  useEffect(() => paint(follow ? follow.current() : now), [paint, now, follow]);
  // As time moves every frame, the canvas alone is redrawn (no React render).
  const painter = useRef(paint);
  useEffect(() => {
    painter.current = paint;
  }, [paint]);
  useEffect(() => follow?.subscribe((t) => painter.current(t)), [follow]);

  const pointer = (e: React.MouseEvent<HTMLCanvasElement>): { px: number; py: number } => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { px: e.clientX - rect.left, py: e.clientY - rect.top };
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>): void => {
    // While a button is down d3-zoom is panning: no tooltip chasing the pointer.
    if (e.buttons !== 0) return;
    const { px, py } = pointer(e);
    const { view: shown, now: at } = latest.current;
    const g = geometry(model, shown);
    const arrow = nearestArrow(
      arrowsIn(model, g.pxToX(px - 8), g.pxToX(px + 8)).filter((a) => a.sendT <= at),
      px,
      py,
      g.xToPx,
      g.laneToPx,
    );
    setHover(arrow ? { arrow, px, py } : null);
  };

  // d3-zoom swallows the click that ends a drag, so a click here is a click, not a pan.
  const onClick = (e: React.MouseEvent<HTMLCanvasElement>): void => {
    // With logical clocks shown a click selects an event (seeking would hide its future).
    if (causal.on) {
      const { px, py } = pointer(e);
      causal.select(
        px < LABEL_WIDTH ? null : eventNear(model, geometry(model, latest.current.view), px, py, latest.current.now, causal.selected),
      );
      return;
    }
    if (!onSeek) return;
    const { px } = pointer(e);
    if (px < LABEL_WIDTH) return;
    const g = geometry(model, latest.current.view);
    const x = g.pxToX(px);
    const i = lowerBound(model.dots, x, (d) => d.x);
    const near = [model.dots[i - 1], model.dots[i]].filter((d) => d !== undefined && Math.abs(g.xToPx(d.x) - px) < 8);
    if (near[0]) onSeek(near[0].t);
  };

  // The keyboard goes through the same behaviour as the mouse: + and − zoom about the
  // window's middle, ← and → pan, 0 or Home follows the present again.
  const onKeyDown = (e: React.KeyboardEvent<HTMLCanvasElement>): void => {
    const zoomed = behaviour.current;
    const c = canvas.current;
    if (!zoomed || !c || e.ctrlKey || e.metaKey || e.altKey) return;
    const g = geometry(model, latest.current.view);
    const middle: [number, number] = [(LABEL_WIDTH + g.plotRight) / 2, g.plotBottom / 2];
    const step = (g.plotRight - LABEL_WIDTH) * KEY_PAN;
    const selection = select(c);
    switch (e.key) {
      case '+':
      case '=':
        zoomed.scaleBy(selection, KEY_ZOOM, middle);
        break;
      case '-':
      case '_':
        zoomed.scaleBy(selection, 1 / KEY_ZOOM, middle);
        break;
      case 'ArrowLeft':
        zoomed.translateBy(selection, step, 0);
        break;
      case 'ArrowRight':
        zoomed.translateBy(selection, -step, 0);
        break;
      case '0':
      case 'Home':
        setManual(null);
        break;
      case 'Escape':
        if (causal.selected === null) return;
        causal.select(null);
        break;
      default:
        return;
    }
    // These keys are the diagram's while it has focus (→ is otherwise "next message").
    e.preventDefault();
    e.stopPropagation();
  };

  // Delivered by the moment shown (the present, or an earlier moment while scrubbed).
  const delivered = builder.deliveredBy(now);
  const exportName = `spacetime-${Math.round(now)}ms`;
  const windowText = `${axis} time ${formatSeconds(view.x0)} to ${formatSeconds(view.x1)}`;

  return (
    <section className="spacetime" aria-label="Space-time diagram">
      <div className="spacetime-toolbar">
        <h2>Space-time diagram</h2>
        <label>
          <input type="checkbox" checked={axis === 'local'} onChange={(e) => setAxis(e.target.checked ? 'local' : 'true')} /> local time
        </label>
        <label>
          window{' '}
          <select value={span} onChange={(e) => setSpan(Number(e.target.value))} aria-label="Diagram window">
            {[1000, 2000, 5000, 10_000, 30_000, 60_000, 300_000].map((ms) => (
              <option key={ms} value={ms}>
                {ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setManual(null)} disabled={manual === null}>
          Follow
        </button>
        <button
          type="button"
          onClick={() =>
            download(
              `${exportName}.svg`,
              new Blob([spaceTimeSvg(model, view, readTheme(container.current), nameOf, now, axis, drawn)], {
                type: 'image/svg+xml',
              }),
            )
          }
        >
          SVG
        </button>
        <button type="button" onClick={() => canvas.current && download(`${exportName}.png`, canvas.current.toDataURL('image/png'))}>
          PNG
        </button>
      </div>
      <div
        ref={container}
        className="spacetime-canvas"
        data-testid="spacetime"
        data-arrows={delivered}
        data-axis={axis}
        data-following={manual === null}
        data-x0={view.x0.toFixed(3)}
        data-x1={view.x1.toFixed(3)}
        data-selected-seq={causal.selectedSeq ?? undefined}
        data-causal-counts={causal.counts ? `${causal.counts.past} ${causal.counts.future} ${causal.counts.concurrent}` : undefined}
      >
        <canvas
          ref={canvas}
          style={{ width: view.width, height: view.height, touchAction: 'none' }}
          role="img"
          tabIndex={0}
          aria-label={`Space-time diagram: ${model.lanes.length} nodes, ${delivered} messages delivered; ${windowText}${causal.summary ? `; ${causal.summary}` : ''}`}
          aria-describedby="spacetime-keys"
          aria-keyshortcuts="+ - ArrowLeft ArrowRight 0"
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
          onClick={onClick}
          onKeyDown={onKeyDown}
        />
        {hover && (
          <div className="spacetime-tip" role="tooltip" style={{ left: Math.min(hover.px + 12, view.width - 240), top: hover.py + 12 }}>
            <strong>{hover.arrow.kind}</strong> {nameOf(hover.arrow.from)} → {nameOf(hover.arrow.to)}
            <br />
            {hover.arrow.outcome === 'dropped' ? `dropped (${hover.arrow.reason ?? ''})` : hover.arrow.outcome}, latency{' '}
            {(hover.arrow.arriveT - hover.arrow.sendT).toFixed(1)} ms
            <br />
            <code>{JSON.stringify(hover.arrow.payload)}</code>
          </div>
        )}
      </div>
      <p id="spacetime-keys" className="spacetime-keys">
        Wheel or pinch to zoom, drag to pan; with the diagram focused, + and − zoom, ← and → pan, 0 follows the present.
        {causal.on &&
          ' With logical clocks on, click an event (or select it in the table below) to light its causal past and future; Esc clears.'}
      </p>
      {causal.summary && (
        <p className="spacetime-causal" data-testid="spacetime-causal" role="status">
          <span className="causal-key past" aria-hidden="true">
            ●
          </span>{' '}
          past{' '}
          <span className="causal-key future" aria-hidden="true">
            ■
          </span>{' '}
          future{' '}
          <span className="causal-key concurrent" aria-hidden="true">
            ◇
          </span>{' '}
          concurrent — {causal.summary}{' '}
          <button type="button" onClick={() => causal.select(null)}>
            Clear
          </button>
        </p>
      )}
      <details className="spacetime-events" open={tableOpen} onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>Events in view, as a table</summary>
        {tableOpen && (
          <EventsInView eventAt={eventAt} model={model} view={view} now={now} nameOf={nameOf} caption={windowText} causal={causal} />
        )}
      </details>
    </section>
  );
}

/** The diagram's text alternative: every event the window shows, in order, as the log words it. */
function EventsInView({
  eventAt,
  model,
  view,
  now,
  nameOf,
  caption,
  causal,
}: {
  eventAt: (index: number) => TraceEvent | undefined;
  model: SpaceTimeModel;
  view: Viewport;
  now: number;
  nameOf: (id: NodeId) => string;
  caption: string;
  causal: CausalState;
}) {
  const rows: DiagramDot[] = [];
  let total = 0;
  for (let i = lowerBound(model.dots, view.x0, (d) => d.x); i < model.dots.length; i++) {
    const d = model.dots[i] as DiagramDot;
    if (d.x > view.x1) break;
    if (d.t > now) continue;
    total++;
    if (rows.length < TABLE_LIMIT) rows.push(d);
  }
  return (
    <table className="spacetime-table" data-testid="spacetime-table" data-rows={total}>
      <caption>
        {total === 0 ? 'No events' : `${total} event${total === 1 ? '' : 's'}`} in view ({caption})
        {total > rows.length ? `; the first ${rows.length} are listed, zoom in for the rest` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">True time</th>
          <th scope="col">Node</th>
          <th scope="col">Event</th>
          {causal.on && <th scope="col">Logical time</th>}
          {causal.on && <th scope="col">Happens-before</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => {
          const e = eventAt(d.index);
          const relation = causal.relationOf(d.index);
          return (
            <tr key={d.index} data-seq={e?.seq} data-causal={relation ?? undefined}>
              <td>{formatSeconds(d.t)}</td>
              <th scope="row">{nameOf(d.node)}</th>
              <td>{e ? describeEventBody(e, nameOf) : d.type}</td>
              {causal.on && <td>{causal.label(d.index)}</td>}
              {causal.on && (
                <td>
                  {relation ? `${RELATION_WORDS[relation]} ` : ''}
                  {relation !== 'self' && (
                    <button type="button" onClick={() => causal.select(d.index)}>
                      select
                    </button>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface CausalState {
  /** Whether logical clocks are shown (so a click selects). */
  on: boolean;
  /** The selected event's trace index, or null. */
  selected: number | null;
  selectedSeq: number | null;
  select(index: number | null): void;
  relationOf(index: number): CausalRelation | null;
  label(index: number): string | null;
  counts: { past: number; future: number; concurrent: number } | null;
  summary: string | null;
  /** What the drawing needs (stable while nothing changes, so the canvas does not redraw for nothing). */
  draw: Pick<DrawOptions, 'causal' | 'stamp' | 'selectedLabel'>;
}

/**
 * The selected event and its causal past and future, walked on demand by the logical clocks
 * (each message edge at most once) when the selection or the run changes, never per frame.
 * A new run (another fold) drops the selection.
 */
function useCausal(logical: LogicalClocks | null, version: number, model: SpaceTimeModel): CausalState {
  const mode = useLogical((s) => s.mode);
  const [choice, setChoice] = useState<{ clocks: LogicalClocks; index: number } | null>(null);
  const on = mode !== 'off' && logical !== null;
  const selected = on && choice && choice.clocks === logical ? choice.index : null;
  const causality: Causality | null = useMemo(
    () => (logical && selected !== null ? logical.causality(selected) : null),
    [logical, selected, version], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const counts = useMemo(() => {
    if (!logical || !causality) return null;
    const c = { past: 0, future: 0, concurrent: 0 };
    for (const d of model.dots) {
      const r = logical.relation(causality, d.index);
      if (r && r !== 'self') c[r]++;
    }
    return c;
  }, [logical, causality, model]);
  return useMemo(() => {
    const relationOf = (index: number): CausalRelation | null => (logical && causality ? logical.relation(causality, index) : null);
    const label = (index: number): string | null => (logical ? logicalLabel(logical, index, mode) : null);
    const selectedLabel = selected !== null ? label(selected) : null;
    const view: CausalView | null = causality ? { index: causality.index, relation: relationOf } : null;
    const selectedSeq = logical && selected !== null ? logical.seqAt(selected) : null;
    return {
      on,
      selected,
      selectedSeq,
      select: (index) => setChoice(index === null || !logical ? null : { clocks: logical, index }),
      relationOf,
      label,
      counts,
      summary:
        counts && selectedLabel
          ? `selected event ${selectedLabel}: ${counts.past} in its causal past, ${counts.future} in its causal future, ${counts.concurrent} concurrent`
          : null,
      draw: on
        ? {
            causal: view,
            stamp: mode === 'lamport' && logical ? (index: number) => String(logical.lamportAt(index) ?? '') : null,
            selectedLabel,
          }
        : {},
    };
  }, [on, selected, causality, counts, logical, mode]);
}

/**
 * The event a click at (px, py) picks: on the lane nearest py (within 12 px), the dot nearest
 * px (within 8 px). Clicking again where several events share an instant (one handler's
 * receive, notes and sends) steps through them; clicking empty space clears the selection.
 */
function eventNear(
  model: SpaceTimeModel,
  g: ReturnType<typeof geometry>,
  px: number,
  py: number,
  now: number,
  current: number | null,
): number | null {
  let lane: NodeId | null = null;
  let best = 12;
  for (const id of model.lanes) {
    const dy = Math.abs(g.laneToPx(id) - py);
    if (dy <= best) {
      best = dy;
      lane = id;
    }
  }
  if (lane === null) return null;
  const candidates: DiagramDot[] = [];
  for (let i = lowerBound(model.dots, g.pxToX(px - 8), (d) => d.x); i < model.dots.length; i++) {
    const d = model.dots[i] as DiagramDot;
    if (g.xToPx(d.x) > px + 8) break;
    if (d.node === lane && d.t <= now) candidates.push(d);
  }
  if (candidates.length === 0) return null;
  const at = candidates.findIndex((d) => d.index === current);
  if (at >= 0) return (candidates[(at + 1) % candidates.length] as DiagramDot).index;
  let nearest = candidates[0] as DiagramDot;
  for (const d of candidates) if (Math.abs(g.xToPx(d.x) - px) < Math.abs(g.xToPx(nearest.x) - px)) nearest = d;
  return nearest.index;
}
