// Many messages in flight, drawn on one canvas inside the stage's SVG instead of one SVG
// element each: beyond a few dozen dots the marks and hover targets are unreadable anyway,
// and thousands of elements restyled every frame cost the page most of its frame time. The
// canvas sits in a <foreignObject> covering the stage's viewBox, so it scales with the
// stage; its backing store follows the size it is shown at. Each frame one store
// subscription redraws it, one path per message kind. Screen readers and tests read what it
// shows from its label and `data-in-flight`: how many messages, of which kinds.

import { useLayoutEffect, useMemo, useRef } from 'react';
import { useLabStoreApi } from '../../store/context.tsx';
import { messageProgress } from '../../store/trace-view.ts';
import type { Point } from './layout.ts';
import type { KindLooks } from './palette.ts';
import type { InFlight } from '../../store/trace-view.ts';

/** A message and the two ends of the stretch of link it runs along (as the message layer computes them). */
export interface CanvasTrack {
  m: InFlight;
  p: Point;
  q: Point;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The user-space box of the SVG the canvas is in (its viewBox). */
function viewBoxOf(el: Element | null): Box | null {
  const svg = el?.closest('svg');
  const vb = svg?.viewBox.baseVal;
  return vb && vb.width > 0 ? { x: vb.x, y: vb.y, width: vb.width, height: vb.height } : null;
}

/** Draws every track's dot at `now`: one path and one fill per kind. */
function draw(
  canvas: HTMLCanvasElement,
  box: Box,
  shownWidth: number,
  tracks: readonly CanvasTrack[],
  now: number,
  r: number,
  ring: string,
  looks: KindLooks,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  // Pixels per user unit, as shown (the SVG scales the foreignObject with its viewBox).
  const scale = (shownWidth / box.width || 1) * (window.devicePixelRatio || 1);
  const w = Math.max(1, Math.round(box.width * scale));
  const h = Math.max(1, Math.round(box.height * scale));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.setTransform(scale, 0, 0, scale, -box.x * scale, -box.y * scale);
  const byKind = new Map<string, CanvasTrack[]>();
  for (const t of tracks) {
    const list = byKind.get(t.m.kind);
    if (list) list.push(t);
    else byKind.set(t.m.kind, [t]);
  }
  ctx.lineWidth = 2;
  ctx.strokeStyle = ring;
  const at = new ShiftedPath(ctx);
  const size = Math.PI * r * r;
  for (const [kind, list] of byKind) {
    // Its kind's shape, as the SVG dots draw it (d3-shape's symbol, same area), all in one path.
    const shape = looks.symbol(kind);
    ctx.beginPath();
    for (const { m, p, q } of list) {
      const f = messageProgress(m, now);
      at.x = p.x + (q.x - p.x) * f;
      at.y = p.y + (q.y - p.y) * f;
      shape.draw(at, size);
    }
    ctx.fillStyle = looks.colour(kind);
    ctx.fill();
    ctx.stroke();
  }
}

/** A canvas path that draws a symbol (drawn about the origin) about (x, y), so every dot of a kind goes into one path. */
class ShiftedPath {
  x = 0;
  y = 0;
  constructor(private readonly ctx: CanvasRenderingContext2D) {}
  moveTo(x: number, y: number): void {
    this.ctx.moveTo(x + this.x, y + this.y);
  }
  lineTo(x: number, y: number): void {
    this.ctx.lineTo(x + this.x, y + this.y);
  }
  closePath(): void {
    this.ctx.closePath();
  }
  arc(x: number, y: number, radius: number, start: number, end: number, ccw?: boolean): void {
    this.ctx.arc(x + this.x, y + this.y, radius, start, end, ccw);
  }
  arcTo(x1: number, y1: number, x2: number, y2: number, radius: number): void {
    this.ctx.arcTo(x1 + this.x, y1 + this.y, x2 + this.x, y2 + this.y, radius);
  }
  bezierCurveTo(a: number, b: number, c: number, d: number, x: number, y: number): void {
    this.ctx.bezierCurveTo(a + this.x, b + this.y, c + this.x, d + this.y, x + this.x, y + this.y);
  }
  quadraticCurveTo(a: number, b: number, x: number, y: number): void {
    this.ctx.quadraticCurveTo(a + this.x, b + this.y, x + this.x, y + this.y);
  }
  ellipse(x: number, y: number, rx: number, ry: number, rotation: number, start: number, end: number, ccw?: boolean): void {
    this.ctx.ellipse(x + this.x, y + this.y, rx, ry, rotation, start, end, ccw);
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.ctx.rect(x + this.x, y + this.y, w, h);
  }
}

/** The ring colour read per theme: reading it on every change of the tracks forced a style recalculation every frame. */
const rings = new Map<string, string>();

/** The ring around each dot: the card colour, as the SVG dots' stroke (read once per theme). */
function ringOf(el: Element | null): string {
  const key = `${document.documentElement.dataset['theme'] ?? ''}:${window.matchMedia('(prefers-color-scheme: dark)').matches}`;
  let ring = rings.get(key);
  if (ring === undefined) {
    ring = (el ? getComputedStyle(el).getPropertyValue('--card').trim() : '') || '#ffffff';
    if (el) rings.set(key, ring);
  }
  return ring;
}

/** "312 messages in flight: 200 ELECTION, 112 OK". */
function describe(tracks: readonly CanvasTrack[]): string {
  const counts = new Map<string, number>();
  for (const t of tracks) counts.set(t.m.kind, (counts.get(t.m.kind) ?? 0) + 1);
  const parts = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${n} ${k}`);
  return `${tracks.length} messages in flight: ${parts.join(', ')}`;
}

export function MessageCanvas({ tracks, r, looks }: { tracks: readonly CanvasTrack[]; r: number; looks: KindLooks }) {
  const store = useLabStoreApi();
  const canvas = useRef<HTMLCanvasElement>(null);
  const object = useRef<SVGForeignObjectElement>(null);
  const drawn = useRef(tracks);
  /** Its width on screen in CSS px: measured when first drawn and on resize, not every frame (that would force a layout). */
  const shown = useRef(0);
  const label = useMemo(() => describe(tracks), [tracks]);

  // The stage's viewBox is known once mounted: cover it, and redraw whenever the tracks change.
  useLayoutEffect(() => {
    drawn.current = tracks;
    const c = canvas.current;
    const box = viewBoxOf(object.current);
    if (!c || !box) return;
    const fo = object.current as SVGForeignObjectElement;
    fo.setAttribute('x', String(box.x));
    fo.setAttribute('y', String(box.y));
    fo.setAttribute('width', String(box.width));
    fo.setAttribute('height', String(box.height));
    // Measured once here (then by the resize observer): measuring on every change of the tracks
    // forced a layout of the just-mutated page every frame of a busy run (a third of its time).
    if (shown.current === 0) shown.current = c.getBoundingClientRect().width;
    draw(c, box, shown.current, tracks, store.getState().now, r, ringOf(c), looks);
  }, [tracks, r, store, looks]);

  // As time moves on, redraw at the new positions (no React render); on resize, at the new size.
  useLayoutEffect(() => {
    const c = canvas.current;
    const redraw = (now: number): void => {
      const box = viewBoxOf(object.current);
      if (canvas.current && box) draw(canvas.current, box, shown.current, drawn.current, now, r, ringOf(c), looks);
    };
    let last = store.getState().now;
    const unsubscribe = store.subscribe((s) => {
      if (s.now === last) return;
      last = s.now;
      redraw(s.now);
    });
    const resize = new ResizeObserver(() => {
      if (!c) return;
      shown.current = c.getBoundingClientRect().width;
      redraw(store.getState().now);
    });
    if (c) resize.observe(c);
    return () => {
      unsubscribe();
      resize.disconnect();
    };
  }, [store, r, looks]);

  return (
    <foreignObject ref={object} className="message-canvas" pointerEvents="none">
      <canvas
        ref={canvas}
        data-testid="message-canvas"
        data-in-flight={tracks.length}
        role="img"
        aria-label={label}
        style={{ width: '100%', height: '100%', display: 'block' }}
      />
    </foreignObject>
  );
}
