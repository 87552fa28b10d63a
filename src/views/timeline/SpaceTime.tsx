// The live space-time diagram: one lane per node, arrows for messages, drawn on a canvas
// from the trace. It follows the present while the run plays; the wheel zooms and a drag
// pans (which stops following until "Follow" is pressed). Hovering an arrow shows the
// message; clicking near an event asks the page to jump there. A toggle draws every event
// at its node's local time, so clock skew visibly bends the arrows.

import { useEffect, useMemo, useRef, useState } from 'react';
import type { NodeId } from '../../core/index.ts';
import { download } from './download.ts';
import { type DiagramTheme, drawSpaceTime, geometry, LABEL_WIDTH, spaceTimeSvg, type Viewport } from './spacetime-draw.ts';
import {
  arrowsIn,
  type DiagramArrow,
  lowerBound,
  nearestArrow,
  type SpaceTimeBuilder,
  type TimeAxis,
} from '../../store/spacetime-model.ts';

export interface SpaceTimeProps {
  /** The run's diagram on an axis, built as the run grows (the store's run index). */
  diagram: (axis: TimeAxis) => SpaceTimeBuilder;
  /** Events the diagram has read: it changed when this did. */
  version: number;
  nameOf: (id: NodeId) => string;
  /** True time the run has reached. */
  now: number;
  /** Asked to show the run at true time t (an event was clicked). */
  onSeek?: (t: number) => void;
  /** ms of history shown while following the present. */
  initialSpanMs?: number;
}

/**
 * The diagram's colours come from CSS variables, but reading computed style forces the
 * browser to recompute styles: do it once per theme (explicit or from the system), not per
 * frame.
 */
const themes = new Map<string, DiagramTheme>();

function themeFor(el: HTMLElement | null): DiagramTheme {
  const key = `${document.documentElement.dataset['theme'] ?? ''}:${window.matchMedia('(prefers-color-scheme: dark)').matches}`;
  let theme = themes.get(key);
  if (!theme) {
    theme = readTheme(el);
    if (el) themes.set(key, theme);
  }
  return theme;
}

function readTheme(el: HTMLElement | null): DiagramTheme {
  const css = el ? getComputedStyle(el) : null;
  const v = (name: string, fallback: string): string => css?.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--st-bg', '#ffffff'),
    lane: v('--st-lane', '#6b7280'),
    text: v('--st-text', '#111827'),
    band: v('--st-band', 'rgba(230, 159, 0, 0.25)'),
    gap: v('--st-gap', '#9ca3af'),
    font: `${v('--st-font-size', '14px')} system-ui, sans-serif`,
  };
}

export function SpaceTime({ diagram, version, nameOf, now, onSeek, initialSpanMs = 5000 }: SpaceTimeProps) {
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [axis, setAxis] = useState<TimeAxis>('true');
  const [width, setWidth] = useState(800);
  const [span, setSpan] = useState(initialSpanMs);
  /** null while following the present; otherwise the window the user chose. */
  const [manual, setManual] = useState<{ x0: number; x1: number } | null>(null);
  const [hover, setHover] = useState<{ arrow: DiagramArrow; px: number; py: number } | null>(null);
  const builder = diagram(axis);
  // The builder grows in place: the version, not its identity, says it changed.
  const model = useMemo(() => builder.model(), [builder, version]); // eslint-disable-line react-hooks/exhaustive-deps
  // Drawing a diagram nobody can see (scrolled away) is wasted frame time.
  const [visible, setVisible] = useState(true);
  const height = Math.min(520, Math.max(160, 36 + model.lanes.length * 26));

  const view: Viewport = useMemo(() => {
    const x1 = manual ? manual.x1 : Math.max(now, 1);
    const x0 = manual ? manual.x0 : x1 - span;
    return { x0, x1, width, height };
  }, [manual, now, span, width, height]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(200, Math.floor(entry.contentRect.width)));
    });
    observer.observe(el);
    const seen = new IntersectionObserver(([entry]) => setVisible(entry?.isIntersecting ?? true));
    seen.observe(el);
    return () => {
      observer.disconnect();
      seen.disconnect();
    };
  }, []);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !visible) return;
    const ratio = window.devicePixelRatio || 1;
    if (c.width !== view.width * ratio || c.height !== view.height * ratio) {
      c.width = view.width * ratio;
      c.height = view.height * ratio;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawSpaceTime(ctx, model, view, themeFor(container.current), nameOf, now, hover?.arrow ?? null);
  }, [model, view, nameOf, now, hover, visible]);

  const pointer = (e: React.PointerEvent<HTMLCanvasElement>): { px: number; py: number } => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { px: e.clientX - rect.left, py: e.clientY - rect.top };
  };
  const drag = useRef<{ px: number; x0: number; x1: number; moved: boolean } | null>(null);

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>): void => {
    const { px, py } = pointer(e);
    const g = geometry(model, view);
    if (drag.current) {
      const dx = g.pxToX(drag.current.px) - g.pxToX(px);
      if (Math.abs(px - drag.current.px) > 3) drag.current.moved = true;
      setManual({ x0: drag.current.x0 + dx, x1: drag.current.x1 + dx });
      return;
    }
    const arrow = nearestArrow(
      arrowsIn(model, g.pxToX(px - 8), g.pxToX(px + 8)).filter((a) => a.sendT <= now),
      px,
      py,
      g.xToPx,
      g.laneToPx,
    );
    setHover(arrow ? { arrow, px, py } : null);
  };

  const onPointerUp = (e: React.PointerEvent<HTMLCanvasElement>): void => {
    const was = drag.current;
    drag.current = null;
    if (!was || was.moved || !onSeek) return;
    const { px } = pointer(e);
    if (px < LABEL_WIDTH) return;
    const g = geometry(model, view);
    const x = g.pxToX(px);
    const i = lowerBound(model.dots, x, (d) => d.x);
    const near = [model.dots[i - 1], model.dots[i]].filter((d) => d !== undefined && Math.abs(g.xToPx(d.x) - px) < 8);
    if (near[0]) onSeek(near[0].t);
  };

  const onWheel = (e: React.WheelEvent<HTMLCanvasElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    const g = geometry(model, view);
    const at = g.pxToX(e.clientX - rect.left);
    const factor = Math.exp(e.deltaY * 0.002);
    const x0 = at - (at - view.x0) * factor;
    const x1 = at + (view.x1 - at) * factor;
    if (x1 - x0 < 1 || x1 - x0 > 1e8) return;
    setManual({ x0, x1 });
  };

  // Delivered by the moment shown (the present, or an earlier moment while scrubbed).
  const delivered = builder.deliveredBy(now);
  const exportName = `spacetime-${Math.round(now)}ms`;

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
              new Blob([spaceTimeSvg(model, view, readTheme(container.current), nameOf, now)], { type: 'image/svg+xml' }),
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
      >
        <canvas
          ref={canvas}
          style={{ width: view.width, height: view.height, touchAction: 'none' }}
          role="img"
          aria-label={`Space-time diagram: ${model.lanes.length} nodes, ${delivered} messages delivered`}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            drag.current = { px: pointer(e).px, x0: view.x0, x1: view.x1, moved: false };
          }}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => setHover(null)}
          onWheel={onWheel}
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
    </section>
  );
}
