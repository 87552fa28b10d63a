// Drawing the space-time model. One routine draws it onto a Surface: the live canvas (it must
// stay smooth with 100,000 events, so only what the window shows is drawn, one path per colour)
// or an SVG document for lecture slides, so the export always shows what the page does: the
// time axis, leader bands, lanes, crash gaps, arrows with heads (dashed, ending in a cross
// where dropped), each kind's shape at the send, and event dots. Paths are built with the
// CanvasPath methods, which d3-path records as SVG path data and d3-shape's symbols draw into.

import { format, precisionFixed } from 'd3-format';
import { pathRound } from 'd3-path';
import { type ScaleLinear, scaleLinear } from 'd3-scale';
import { symbol } from 'd3-shape';
import type { CausalRelation, NodeId } from '../../core/index.ts';
import { type KindLooks, looksOf } from '../stage/palette.ts';
import { arrowsIn, type DiagramArrow, lowerBound, type SpaceTimeModel, type TimeAxis } from '../../store/spacetime-model.ts';

export interface Viewport {
  /** Visible window on the diagram's time axis (ms). */
  x0: number;
  x1: number;
  width: number;
  height: number;
}

export interface DiagramTheme {
  background: string;
  lane: string;
  text: string;
  band: string;
  gap: string;
  font: string;
  /** The axis's grid lines (default: the lane colour). */
  grid?: string;
  /** Every arrow in one colour (forced colours: shapes, dashes and crosses still tell kinds and fates apart). */
  ink?: string | null;
  /** A selected event's causal past and future (Okabe–Ito blue and vermillion by default). */
  past?: string;
  future?: string;
}

export const LABEL_WIDTH = 96;
/** Below the lanes: the time axis's tick labels. */
export const AXIS_HEIGHT = 24;
const RIGHT_PAD = 8;
/** More arrows than this in the window and the diagram draws shafts only (no heads, no dots, no shapes). */
export const DETAIL_LIMIT = 2000;
const PAD_Y = 18;
const SYMBOL_AREA = 42;
const DROP_DASH = [5, 3];

export interface Geometry {
  /** The window's time → x pixel (d3-scale), whose ticks the axis draws. */
  x: ScaleLinear<number, number>;
  xToPx: (x: number) => number;
  pxToX: (px: number) => number;
  laneToPx: (node: NodeId) => number;
  /** The lanes' area: from LABEL_WIDTH to plotRight, from 0 to plotBottom. */
  plotRight: number;
  plotBottom: number;
}

export function geometry(model: SpaceTimeModel, view: Viewport): Geometry {
  const plotRight = Math.max(LABEL_WIDTH + 1, view.width - RIGHT_PAD);
  const plotBottom = Math.max(2 * PAD_Y, view.height - AXIS_HEIGHT);
  const x = scaleLinear()
    .domain([view.x0, view.x0 + Math.max(1e-9, view.x1 - view.x0)])
    .range([LABEL_WIDTH, plotRight]);
  const index = new Map(model.lanes.map((id, i) => [id, i]));
  const gap = model.lanes.length > 1 ? (plotBottom - 2 * PAD_Y) / (model.lanes.length - 1) : 0;
  return {
    x,
    xToPx: (t) => x(t),
    pxToX: (px) => x.invert(px),
    laneToPx: (node) => (model.lanes.length > 1 ? PAD_Y + (index.get(node) ?? 0) * gap : plotBottom / 2),
    plotRight,
    plotBottom,
  };
}

/** The axis's ticks (d3-scale's, about one per 90 px) and their labels, in ms or s by the step. */
export function timeTicks(g: Geometry): { value: number; label: string }[] {
  const count = Math.max(2, Math.floor((g.plotRight - LABEL_WIDTH) / 90));
  const ticks = g.x.ticks(count);
  const step = ticks.length > 1 ? Math.abs((ticks[1] as number) - (ticks[0] as number)) : 1;
  const seconds = step >= 100;
  const label = format(`.${precisionFixed(seconds ? step / 1000 : step)}f`);
  return ticks.map((value) => ({ value, label: seconds ? `${label(value / 1000)} s` : `${label(value)} ms` }));
}

/** The CanvasPath methods the drawing uses: a canvas context has them, and so does d3-path's Path. */
export type PathSink = Pick<CanvasPath, 'moveTo' | 'lineTo' | 'arc' | 'rect' | 'closePath'>;

export interface PathStyle {
  fill?: string;
  stroke?: string;
  width?: number;
  dash?: readonly number[];
  /** Opacity of the whole path (1 by default). */
  alpha?: number;
  /** What the SVG element is (data-part), and the kind it draws (data-kind), for tests and slides. */
  part: string;
  kind?: string;
}

export interface TextStyle {
  fill: string;
  anchor: 'start' | 'middle' | 'end';
  maxWidth?: number;
}

/** Where the diagram is drawn. */
export interface Surface {
  path(build: (p: PathSink) => void, style: PathStyle): void;
  /** Text vertically centred on y. */
  text(x: number, y: number, text: string, style: TextStyle): void;
  /** Draws `draw` clipped to a rectangle. */
  clip(x: number, y: number, width: number, height: number, draw: () => void): void;
}

export function canvasSurface(ctx: CanvasRenderingContext2D, font: string): Surface {
  return {
    path(build, style) {
      ctx.beginPath();
      build(ctx);
      ctx.globalAlpha = style.alpha ?? 1;
      if (style.fill) {
        ctx.fillStyle = style.fill;
        ctx.fill();
      }
      if (style.stroke) {
        ctx.strokeStyle = style.stroke;
        ctx.lineWidth = style.width ?? 1;
        ctx.setLineDash(style.dash ?? []);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.globalAlpha = 1;
    },
    text(x, y, text, style) {
      ctx.font = font;
      ctx.textBaseline = 'middle';
      ctx.textAlign = style.anchor === 'middle' ? 'center' : style.anchor === 'end' ? 'right' : 'left';
      ctx.fillStyle = style.fill;
      if (style.maxWidth !== undefined) ctx.fillText(text, x, y, style.maxWidth);
      else ctx.fillText(text, x, y);
    },
    clip(x, y, width, height, draw) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, y, width, height);
      ctx.clip();
      draw();
      ctx.restore();
    },
  };
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const n2 = (v: number): string => (Math.round(v * 100) / 100).toString();

/** A surface that writes SVG elements into `out`. */
export function svgSurface(out: string[]): Surface {
  let clips = 0;
  return {
    path(build, style) {
      const p = pathRound(2);
      build(p);
      const d = p.toString();
      if (!d) return;
      const attrs = [
        `data-part="${esc(style.part)}"`,
        style.kind === undefined ? '' : `data-kind="${esc(style.kind)}"`,
        `d="${d}"`,
        `fill="${esc(style.fill ?? 'none')}"`,
        style.stroke ? `stroke="${esc(style.stroke)}" stroke-width="${style.width ?? 1}"` : '',
        style.stroke && style.dash?.length ? `stroke-dasharray="${style.dash.join(' ')}"` : '',
        style.alpha === undefined ? '' : `opacity="${n2(style.alpha)}"`,
      ];
      out.push(`<path ${attrs.filter(Boolean).join(' ')}/>`);
    },
    text(x, y, text, style) {
      const width = style.maxWidth === undefined ? '' : ` textLength="${n2(style.maxWidth)}" lengthAdjust="spacingAndGlyphs"`;
      // Only squeeze text that would not fit (about 0.6 em a character at 14 px).
      const squeeze = style.maxWidth !== undefined && text.length * 8.4 > style.maxWidth ? width : '';
      out.push(
        `<text x="${n2(x)}" y="${n2(y)}" dominant-baseline="middle" text-anchor="${style.anchor}" fill="${esc(style.fill)}"${squeeze}>${esc(text)}</text>`,
      );
    },
    clip(x, y, width, height, draw) {
      const id = `plot-${++clips}`;
      out.push(`<clipPath id="${id}"><rect x="${n2(x)}" y="${n2(y)}" width="${n2(width)}" height="${n2(height)}"/></clipPath>`);
      out.push(`<g clip-path="url(#${id})">`);
      draw();
      out.push('</g>');
    },
  };
}

/**
 * Where an arrow ends at true time `now`: a message still in flight then (also one that
 * arrived later, when the page shows an earlier moment) stops part-way.
 */
function arrowEnd(a: DiagramArrow, now: number): { x: number; fraction: number } {
  if (a.arriveT <= now) return { x: a.arriveX, fraction: 1 };
  const fraction = Math.max(0, Math.min(1, (now - a.sendT) / Math.max(1e-9, a.arriveT - a.sendT)));
  return { x: a.sendX + (a.arriveX - a.sendX) * fraction, fraction };
}

export interface DrawOptions {
  /** The arrow under the pointer, drawn thicker. */
  highlight?: DiagramArrow | null;
  /** Which time the axis shows (labelled under the lane names). */
  axis?: TimeAxis;
  /** A selected event: its causal past and future are lit, the rest greyed, concurrent events marked. */
  causal?: CausalView | null;
  /** Each event's logical time as drawn above its dot ("7"), when the window has room; null for none. */
  stamp?: ((index: number) => string | null) | null;
  /** The selected event's full label ("L=7", "V=[…]"), drawn beside it. */
  selectedLabel?: string | null;
  /** How the run's algorithm draws its message kinds (default: spare looks by name). */
  looks?: KindLooks;
}

export interface CausalView {
  /** The selected event's trace index. */
  index: number;
  /** How the event at a trace index stands to it; null for an event on no lane. */
  relation: (index: number) => CausalRelation | null;
}

/** More events than this in the window and the per-event logical times are left out (they would overlap). */
export const STAMP_LIMIT = 160;
/** Stamps closer than this on one lane (px) are written as one range ("4–7"). */
const STAMP_GAP = 26;

/** Draws the diagram's window `view` at true time `now` onto a surface. */
export function paintSpaceTime(
  surface: Surface,
  model: SpaceTimeModel,
  view: Viewport,
  theme: DiagramTheme,
  nameOf: (id: NodeId) => string,
  now: number,
  options: DrawOptions = {},
): void {
  const g = geometry(model, view);
  const { plotRight, plotBottom } = g;
  const plotWidth = plotRight - LABEL_WIDTH;
  const looks = options.looks ?? looksOf(null);
  const colourOf = (kind: string): string => theme.ink ?? looks.colour(kind);
  surface.path((p) => p.rect(0, 0, view.width, view.height), { fill: theme.background, part: 'background' });

  // The time axis: grid lines across the lanes, labels beneath, and which time it is.
  const ticks = timeTicks(g);
  surface.path(
    (p) => {
      for (const t of ticks) {
        const x = g.xToPx(t.value);
        p.moveTo(x, 0);
        p.lineTo(x, plotBottom + 4);
      }
      p.moveTo(LABEL_WIDTH, plotBottom);
      p.lineTo(plotRight, plotBottom);
    },
    { stroke: theme.grid ?? theme.lane, width: 0.5, part: 'axis' },
  );
  for (const t of ticks) {
    const x = g.xToPx(t.value);
    const anchor = x - LABEL_WIDTH < 24 ? 'start' : plotRight - x < 24 ? 'end' : 'middle';
    surface.text(x, plotBottom + AXIS_HEIGHT / 2 + 2, t.label, { fill: theme.text, anchor });
  }
  surface.text(6, plotBottom + AXIS_HEIGHT / 2 + 2, options.axis === 'local' ? 'local time' : 'true time', {
    fill: theme.text,
    anchor: 'start',
    maxWidth: LABEL_WIDTH - 12,
  });

  for (const id of model.lanes)
    surface.text(6, g.laneToPx(id), nameOf(id), { fill: theme.text, anchor: 'start', maxWidth: LABEL_WIDTH - 12 });

  surface.clip(LABEL_WIDTH, 0, plotWidth, plotBottom, () => {
    // Bands, gaps and lanes run to the present (open ones to Infinity): cut a span past the window.
    const span = view.x1 - view.x0;
    const start = (from: number): number => g.xToPx(Math.max(from, view.x0 - span));
    const end = (to: number): number => g.xToPx(Math.min(to, now, view.x1 + span));
    const bands = model.bands.filter((b) => b.to >= view.x0 && b.from <= view.x1 && b.from <= now);
    if (bands.length > 0)
      surface.path(
        (p) => {
          for (const b of bands) {
            const x0 = start(b.from);
            p.rect(x0, g.laneToPx(b.node) - 7, Math.max(0, end(b.to) - x0), 14);
          }
        },
        { fill: theme.band, part: 'leader-bands' },
      );
    // Lanes begin where the run does (its first event), not at the window's edge.
    const laneStart = Math.max(LABEL_WIDTH, start(model.dots[0]?.x ?? view.x0));
    surface.path(
      (p) => {
        for (const id of model.lanes) {
          const y = g.laneToPx(id);
          p.moveTo(laneStart, y);
          p.lineTo(end(Infinity), y);
        }
      },
      { stroke: theme.lane, width: 1.5, part: 'lanes' },
    );
    const gaps = model.gaps.filter((gap) => gap.to >= view.x0 && gap.from <= view.x1 && gap.from <= now);
    if (gaps.length > 0) {
      const each = (draw: (p: PathSink, x0: number, x1: number, y: number) => void) => (p: PathSink) => {
        for (const gap of gaps) draw(p, start(gap.from), end(gap.to), g.laneToPx(gap.node));
      };
      surface.path(
        each((p, x0, x1, y) => p.rect(x0, y - 3, Math.max(0, x1 - x0), 6)),
        { fill: theme.background, part: 'crash-gaps' },
      );
      surface.path(
        each((p, x0, x1, y) => {
          p.moveTo(x0, y);
          p.lineTo(x1, y);
        }),
        { stroke: theme.gap, width: 1.5, dash: [4, 4], part: 'crash-gaps' },
      );
    }

    // One path per colour and fate (and one for all dots): thousands of arrows in a zoomed-out
    // window cost one stroke each, not one stroke each arrow.
    const visible = arrowsIn(model, view.x0, view.x1).filter((a) => a.sendT <= now);
    // Zoomed far out, heads, shapes and dots are sub-pixel clutter: draw shafts only.
    const detailed = visible.length <= DETAIL_LIMIT;
    const groups = new Map<string, { colour: string; dropped: boolean; kind: string; arrows: DiagramArrow[] }>();
    for (const a of visible) {
      const colour = colourOf(a.kind);
      const dropped = a.outcome === 'dropped';
      const key = `${colour}|${dropped}`;
      const group = groups.get(key);
      if (group) {
        group.arrows.push(a);
        if (group.kind !== a.kind) group.kind = '';
      } else groups.set(key, { colour, dropped, kind: a.kind, arrows: [a] });
    }
    for (const { colour, dropped, kind, arrows } of groups.values()) {
      const style: PathStyle = { stroke: colour, width: 1.5, part: dropped ? 'dropped-arrows' : 'arrows' };
      if (kind) style.kind = kind;
      if (dropped) style.dash = DROP_DASH;
      surface.path((p) => {
        for (const a of arrows) shaft(p, a, g, now);
      }, style);
      if (!detailed) continue;
      surface.path(
        (p) => {
          for (const a of arrows) head(p, a, g, now);
        },
        { ...style, dash: [], part: dropped ? 'drop-marks' : 'arrowheads' },
      );
    }
    if (options.highlight && options.highlight.sendT <= now) {
      const a = options.highlight;
      surface.path(
        (p) => {
          shaft(p, a, g, now);
          head(p, a, g, now);
        },
        { stroke: colourOf(a.kind), width: 3, part: 'highlight', kind: a.kind },
      );
    }
    if (options.causal) paintCausalArrows(surface, visible, g, view, theme, now, options.causal, plotBottom);
    if (!detailed) return;

    const first = lowerBound(model.dots, view.x0, (d) => d.x);
    surface.path(
      (p) => {
        for (let i = first; i < model.dots.length; i++) {
          const d = model.dots[i];
          if (!d || d.x > view.x1) break;
          if (d.t > now) continue;
          const x = g.xToPx(d.x);
          const y = g.laneToPx(d.node);
          p.moveTo(x + 2.2, y);
          p.arc(x, y, 2.2, 0, 2 * Math.PI);
        }
      },
      { fill: theme.text, part: 'event-dots' },
    );
    // Each kind's shape where it was sent, so kinds differ by more than colour.
    const byKind = new Map<string, DiagramArrow[]>();
    for (const a of visible) {
      const list = byKind.get(a.kind);
      if (list) list.push(a);
      else byKind.set(a.kind, [a]);
    }
    for (const [kind, arrows] of byKind) {
      const shape = symbol(looks.symbol(kind), SYMBOL_AREA);
      surface.path(
        (p) => {
          for (const a of arrows) {
            const x = g.xToPx(a.sendX);
            const y = g.laneToPx(a.from);
            // d3-shape's symbols draw around the origin into any CanvasPath: shift them onto the send.
            shape.context(offset(p, x, y) as CanvasRenderingContext2D)();
          }
        },
        { fill: colourOf(kind), stroke: theme.background, width: 0.75, part: 'kind-shapes', kind },
      );
    }
    if (options.causal) paintCausalMarks(surface, model, g, view, theme, now, options.causal, first);
    if (options.stamp) paintStamps(surface, model, g, view, theme, now, options.stamp, first);
    if (options.causal && options.selectedLabel) {
      const dot = model.dots.find((d) => d.index === options.causal?.index);
      if (dot && dot.t <= now) {
        const x = g.xToPx(dot.x);
        const right = plotRight - x > 220;
        surface.text(right ? x + 12 : x - 12, g.laneToPx(dot.node) + 14, options.selectedLabel, {
          fill: theme.text,
          anchor: right ? 'start' : 'end',
        });
      }
    }
  });
}

const pastColour = (theme: DiagramTheme): string => theme.ink ?? theme.past ?? '#0072B2';
const futureColour = (theme: DiagramTheme): string => theme.ink ?? theme.future ?? '#D55E00';

/**
 * Greys everything drawn so far, then redraws the messages that carry the selected event's
 * causality: those delivered into its past (blue) and those sent from its future (vermillion).
 */
function paintCausalArrows(
  surface: Surface,
  visible: readonly DiagramArrow[],
  g: Geometry,
  view: Viewport,
  theme: DiagramTheme,
  now: number,
  causal: CausalView,
  plotBottom: number,
): void {
  surface.path((p) => p.rect(LABEL_WIDTH, 0, view.width, plotBottom), { fill: theme.background, alpha: 0.72, part: 'causal-dim' });
  const past: DiagramArrow[] = [];
  const future: DiagramArrow[] = [];
  for (const a of visible) {
    const into = a.arriveIndex >= 0 && a.arriveT <= now ? causal.relation(a.arriveIndex) : null;
    const from = causal.relation(a.sendIndex);
    if (into === 'past' || into === 'self') past.push(a);
    else if (from === 'future' || from === 'self') future.push(a);
  }
  for (const [arrows, colour, part] of [
    [past, pastColour(theme), 'causal-past-arrows'],
    [future, futureColour(theme), 'causal-future-arrows'],
  ] as const) {
    if (arrows.length === 0) continue;
    surface.path(
      (p) => {
        for (const a of arrows) {
          shaft(p, a, g, now);
          head(p, a, g, now);
        }
      },
      { stroke: colour, width: 2.25, part },
    );
  }
}

/** Each event in the window by how it stands to the selected one: past ●, future ■, concurrent ◇ (hollow), itself ringed. */
function paintCausalMarks(
  surface: Surface,
  model: SpaceTimeModel,
  g: Geometry,
  view: Viewport,
  theme: DiagramTheme,
  now: number,
  causal: CausalView,
  first: number,
): void {
  const groups: Record<CausalRelation, { x: number; y: number }[]> = { past: [], future: [], concurrent: [], self: [] };
  for (let i = first; i < model.dots.length; i++) {
    const d = model.dots[i];
    if (!d || d.x > view.x1) break;
    if (d.t > now) continue;
    const r = causal.relation(d.index);
    if (r) groups[r].push({ x: g.xToPx(d.x), y: g.laneToPx(d.node) });
  }
  surface.path(
    (p) => {
      for (const { x, y } of groups.past) {
        p.moveTo(x + 4, y);
        p.arc(x, y, 4, 0, 2 * Math.PI);
      }
    },
    { fill: pastColour(theme), part: 'causal-past' },
  );
  surface.path(
    (p) => {
      for (const { x, y } of groups.future) p.rect(x - 3.5, y - 3.5, 7, 7);
    },
    { fill: futureColour(theme), part: 'causal-future' },
  );
  surface.path(
    (p) => {
      for (const { x, y } of groups.concurrent) {
        p.moveTo(x, y - 5);
        p.lineTo(x + 5, y);
        p.lineTo(x, y + 5);
        p.lineTo(x - 5, y);
        p.closePath();
      }
    },
    { fill: theme.background, stroke: theme.text, width: 1.5, part: 'causal-concurrent' },
  );
  surface.path(
    (p) => {
      for (const { x, y } of groups.self) {
        p.moveTo(x + 8, y);
        p.arc(x, y, 8, 0, 2 * Math.PI);
      }
    },
    { stroke: theme.text, width: 2.5, part: 'causal-self' },
  );
}

/**
 * Each event's logical time above its dot, when the window holds few enough events to read
 * them; events that crowd one spot on a lane (one handler's receive, notes and sends at one
 * instant) are written as one range, "4–7".
 */
function paintStamps(
  surface: Surface,
  model: SpaceTimeModel,
  g: Geometry,
  view: Viewport,
  theme: DiagramTheme,
  now: number,
  stamp: (index: number) => string | null,
  first: number,
): void {
  const inView: { x: number; node: NodeId; text: string }[] = [];
  for (let i = first; i < model.dots.length; i++) {
    const d = model.dots[i];
    if (!d || d.x > view.x1) break;
    if (d.t > now) continue;
    if (inView.length >= STAMP_LIMIT) return;
    const text = stamp(d.index);
    if (text !== null) inView.push({ x: g.xToPx(d.x), node: d.node, text });
  }
  const open = new Map<NodeId, { x: number; from: string; to: string }>();
  const write = (node: NodeId, run: { x: number; from: string; to: string }): void =>
    surface.text(run.x, g.laneToPx(node) - 11, run.from === run.to ? run.from : `${run.from}–${run.to}`, {
      fill: theme.text,
      anchor: 'middle',
    });
  // About 0.6 em a character: a run's label needs its own width before the next one starts.
  const width = (run: { from: string; to: string }): number => (run.from.length + (run.from === run.to ? 0 : run.to.length + 1)) * 8.5;
  for (const s of inView) {
    const run = open.get(s.node);
    if (run && s.x - run.x < Math.max(STAMP_GAP, width({ from: run.from, to: s.text }) / 2 + s.text.length * 4.25 + 6)) run.to = s.text;
    else {
      if (run) write(s.node, run);
      open.set(s.node, { x: s.x, from: s.text, to: s.text });
    }
  }
  for (const [node, run] of open) write(node, run);
}

/** A path sink that shifts everything drawn into it by (dx, dy). */
function offset(p: PathSink, dx: number, dy: number): PathSink {
  return {
    moveTo: (x, y) => p.moveTo(x + dx, y + dy),
    lineTo: (x, y) => p.lineTo(x + dx, y + dy),
    arc: (x, y, r, a0, a1, ccw) => p.arc(x + dx, y + dy, r, a0, a1, ccw),
    rect: (x, y, w, h) => p.rect(x + dx, y + dy, w, h),
    closePath: () => p.closePath(),
  };
}

function ends(a: DiagramArrow, g: Geometry, now: number): { x1: number; y1: number; x2: number; y2: number; fraction: number } {
  const { x, fraction } = arrowEnd(a, now);
  const x1 = g.xToPx(a.sendX);
  const y1 = g.laneToPx(a.from);
  return { x1, y1, x2: g.xToPx(x), y2: y1 + (g.laneToPx(a.to) - y1) * fraction, fraction };
}

function shaft(p: PathSink, a: DiagramArrow, g: Geometry, now: number): void {
  const { x1, y1, x2, y2 } = ends(a, g, now);
  p.moveTo(x1, y1);
  p.lineTo(x2, y2);
}

/** An arrowhead where the message arrived, or a cross where it was dropped (none while in flight). */
function head(p: PathSink, a: DiagramArrow, g: Geometry, now: number): void {
  const { x1, y1, x2, y2, fraction } = ends(a, g, now);
  if (fraction < 1) return;
  if (a.outcome === 'dropped') {
    p.moveTo(x2 - 4, y2 - 4);
    p.lineTo(x2 + 4, y2 + 4);
    p.moveTo(x2 + 4, y2 - 4);
    p.lineTo(x2 - 4, y2 + 4);
    return;
  }
  if (a.outcome !== 'delivered') return;
  const angle = Math.atan2(y2 - y1, x2 - x1);
  p.moveTo(x2 - 8 * Math.cos(angle - 0.4), y2 - 8 * Math.sin(angle - 0.4));
  p.lineTo(x2, y2);
  p.lineTo(x2 - 8 * Math.cos(angle + 0.4), y2 - 8 * Math.sin(angle + 0.4));
}

/** Draws the diagram on a canvas (the live view). */
export function drawSpaceTime(
  ctx: CanvasRenderingContext2D,
  model: SpaceTimeModel,
  view: Viewport,
  theme: DiagramTheme,
  nameOf: (id: NodeId) => string,
  now: number,
  highlight: DiagramArrow | null,
  axis: TimeAxis = 'true',
  logical: Pick<DrawOptions, 'causal' | 'stamp' | 'selectedLabel' | 'looks'> = {},
): void {
  paintSpaceTime(canvasSurface(ctx, theme.font), model, view, theme, nameOf, now, { highlight, axis, ...logical });
}

/** The visible window as a standalone SVG document (for slides), drawn by the same routine as the canvas. */
export function spaceTimeSvg(
  model: SpaceTimeModel,
  view: Viewport,
  theme: DiagramTheme,
  nameOf: (id: NodeId) => string,
  now: number,
  axis: TimeAxis = 'true',
  logical: Pick<DrawOptions, 'causal' | 'stamp' | 'selectedLabel' | 'looks'> = {},
): string {
  const body: string[] = [];
  paintSpaceTime(svgSurface(body), model, view, theme, nameOf, now, { axis, ...logical });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${view.width}" height="${view.height}" viewBox="0 0 ${view.width} ${view.height}" style="font: ${esc(theme.font)}">`,
    `<title>Space-time diagram, ${axis} time ${n2(view.x0)}–${n2(view.x1)} ms</title>`,
    ...body,
    '</svg>',
  ].join('\n');
}
