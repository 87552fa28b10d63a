// Messages in flight, each a dot moving along its link at the pace its latency implies:
// position = (now − sent) / (arrives − sent). A message that carries something a student
// needs to see (the ring's list, Ts, a Berkeley reading or adjustment) has it written halfway
// along its link, on the side that direction is drawn, for as long as it is in flight: it
// holds still to be read, and messages leaving one node at once do not write over each other. Drops (lost, partitioned, to a crashed node)
// show as a short-lived cross where the message failed. Hovering (or focusing) a message
// shows its contents: kind, from → to, send and arrival times and the message as sent (JSON).
//
// React draws the dots only when the messages in flight change; as time moves on, one
// store subscription moves them by setting each dot's transform directly (no re-render of
// hundreds of elements every frame). Only the hovered message's card follows time in React.
// Beyond MARK_LIMIT messages, one canvas draws them all instead (MessageCanvas.tsx).

import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectAlgorithm, selectFailures, selectInFlight, selectNameOf, selectNow } from '../../store/selectors.ts';
import { messageContents } from '../../store/message-contents.ts';
import { type InFlight, messageProgress } from '../../store/trace-view.ts';
import type { Point, StageLayout } from './layout.ts';
import { linkEnds } from './layout.ts';
import { inkOn } from './okabe-ito.ts';
import { MessageCanvas } from './MessageCanvas.tsx';
import { type KindLooks, looksOf } from './palette.ts';
import { formatSeconds } from './format.ts';
import { selectSendLogical, useLogical } from '../../store/logical-view.ts';

/**
 * Beyond this many dots, they are drawn on one canvas (MessageCanvas) without the marks
 * inside them and without hover targets: the marks would be unreadable and the targets
 * overlap anyway, and each SVG element is one more to restyle and repaint on every frame
 * (≈7,000 in flight spent most of the frame in setAttribute, style, layout and paint).
 */
const MARK_LIMIT = 80;
/** Beyond this many in flight, messages' vector clocks are in their hover cards only (Lamport times stay on the dots). */
const VECTOR_LABEL_LIMIT = 4;

/** What a message carries, written beside its link: the text, and where it sits on the stage. */
interface Label {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

/** A message and the two ends of the stretch of link it runs along. */
interface Track {
  m: InFlight;
  p: Point;
  q: Point;
  label: Label | null;
}

/** Halfway along the link, out on the side this direction is shifted to (−uy, ux): clear of the dots, and of labels going the other way. */
function labelAt(text: string, p: Point, q: Point, away: number, size: number): Label {
  const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
  const nx = -(q.y - p.y) / len;
  const ny = (q.x - p.x) / len;
  const anchor = nx > 0.35 ? 'start' : nx < -0.35 ? 'end' : 'middle';
  // The text's middle (dominant-baseline: central) sits `away` out, and half a line further when it is above or below.
  return { text, x: (p.x + q.x) / 2 + nx * away, y: (p.y + q.y) / 2 + ny * away + ny * size * 0.5, anchor };
}

/**
 * A message keeps its object while in flight: the ends of its stretch of link are computed
 * once per layout, not on every frame the list of messages changes (thousands in flight).
 */
const endsCache = new WeakMap<StageLayout, { side: number; ends: WeakMap<InFlight, [Point, Point]> }>();
function endsFor(layout: StageLayout, side: number): WeakMap<InFlight, [Point, Point]> {
  let cached = endsCache.get(layout);
  if (!cached || cached.side !== side) endsCache.set(layout, (cached = { side, ends: new WeakMap() }));
  return cached.ends;
}

const positionAt = ({ m, p, q }: Track, now: number): Point => {
  const f = messageProgress(m, now);
  return { x: p.x + (q.x - p.x) * f, y: p.y + (q.y - p.y) * f };
};

const translate = ({ x, y }: Point): string => `translate(${x.toFixed(1)} ${y.toFixed(1)})`;

type Box = [number, number, number, number];

/** The nodes' own logical clock labels, in the stage's units: a message's label keeps clear of them too. */
function nodeLabelBoxes(dots: SVGGElement | null): Box[] {
  const svg = dots?.ownerSVGElement;
  const toStage = svg?.getScreenCTM()?.inverse();
  if (!svg || !toStage) return [];
  const boxes: Box[] = [];
  for (const el of svg.querySelectorAll('[data-testid^="node-"][data-testid$="-logical"]')) {
    const r = el.getBoundingClientRect();
    const a = new DOMPoint(r.left, r.top).matrixTransform(toStage);
    const b = new DOMPoint(r.right, r.bottom).matrixTransform(toStage);
    boxes.push([a.x, a.y, b.x, b.y]);
  }
  return boxes;
}

/** The logical clock's text size on a message (lab.css .message-logical) and its monospace character's width in em. */
const LOGICAL_PX = 24;
const MONO_EM = 0.62;

/**
 * Moves the dots (the children of `dots`, one per track, in order) to where they are at `now`.
 * A dot's logical clock label that would touch an earlier one is hidden for the moment:
 * messages leaving a node together start on top of each other, and their vectors ran
 * together into one unreadable block (the hover card still has each).
 */
function place(dots: SVGGElement | null, tracks: readonly Track[], now: number, r: number, fixed: readonly Box[] = []): void {
  if (!dots) return;
  const children = dots.children;
  const n = Math.min(children.length, tracks.length);
  const shown: Box[] = [...fixed];
  for (let i = 0; i < n; i++) {
    const child = children[i] as Element;
    const at = positionAt(tracks[i] as Track, now);
    child.setAttribute('transform', translate(at));
    const label = child.lastElementChild;
    if (!label || !label.classList.contains('message-logical')) continue;
    // Its text starts at (r + 3, −r − 2) from the dot, on its baseline.
    const left = at.x + r + 3;
    const base = at.y - r - 2;
    const box: Box = [left, base - LOGICAL_PX, left + (label.textContent ?? '').length * MONO_EM * LOGICAL_PX, base + 0.3 * LOGICAL_PX];
    const clash = shown.some((b) => box[0] < b[2] + 2 && b[0] < box[2] + 2 && box[1] < b[3] + 2 && b[1] < box[3] + 2);
    label.setAttribute('visibility', clash ? 'hidden' : 'visible');
    if (!clash) shown.push(box);
  }
}

export function MessageLayer({ layout }: { layout: StageLayout }) {
  const store = useLabStoreApi();
  const inFlight = useLab(selectInFlight);
  const failures = useLab(selectFailures);
  // Presenter mode is in CSS px: dots 34 px across and labels 24 px, whatever the node count.
  const dot = layout.presenter ? 17 : Math.max(5, Math.min(13, layout.radius * 0.3));
  const side = layout.presenter ? 12 : Math.min(10, layout.radius * 0.25);
  const labelSize = layout.presenter ? 24 : 28;
  const [hovered, setHovered] = useState<string | null>(null);
  const nameOf = useLab(selectNameOf);
  // The running algorithm's looks: kinds of the same name in other algorithms look their own way.
  const looks = looksOf(useLab(selectAlgorithm));
  const logicalMode = useLogical((s) => s.mode);
  const tracks = useMemo(() => {
    const ends = endsFor(layout, side);
    const list: Track[] = [];
    for (const m of inFlight) {
      let pq = ends.get(m);
      if (!pq) {
        const a = layout.positions.get(m.from);
        const b = layout.positions.get(m.to);
        if (!a || !b) continue;
        pq = linkEnds(a, b, layout.radius + 4, side);
        ends.set(m, pq);
      }
      const [p, q] = pq;
      const contents = inFlight.length <= MARK_LIMIT ? messageContents(m.msg, nameOf) : '';
      list.push({ m, p, q, label: contents ? labelAt(contents, p, q, dot + 6, labelSize) : null });
    }
    return list;
  }, [inFlight, layout, side, dot, labelSize, nameOf]);

  // The dots drawn, and the tracks they follow, for the subscription below.
  const dots = useRef<SVGGElement>(null);
  const drawn = useRef<readonly Track[]>(tracks);
  // The nodes' clock labels where they were when the messages last changed (they move only with the layout).
  const fixed = useRef<Box[]>([]);
  useLayoutEffect(() => {
    drawn.current = tracks;
    fixed.current = logicalMode === 'off' ? [] : nodeLabelBoxes(dots.current);
    place(dots.current, tracks, store.getState().now, dot, fixed.current);
    // The logical mode too: switching it on while paused adds labels that must be sorted out.
  }, [tracks, store, dot, logicalMode]);
  useLayoutEffect(() => {
    let last = store.getState().now;
    return store.subscribe((s) => {
      if (s.now === last) return;
      last = s.now;
      place(dots.current, drawn.current, s.now, dot, fixed.current);
    });
  }, [store, dot]);

  /** The message a hover event's target belongs to: the dot's place among the dots is its track's. */
  const keyOf = (target: EventTarget | null): string | null => {
    const layer = dots.current;
    const g = target instanceof Element ? target.closest('.message') : null;
    if (!layer || !g || g.parentNode !== layer) return null;
    const index = Array.prototype.indexOf.call(layer.children, g) as number;
    return drawn.current[index]?.m.key ?? null;
  };
  const few = inFlight.length <= MARK_LIMIT;
  // A vector beside every dot of a busy stage is a wall of digits: then only the hover card has it.
  const crowded = inFlight.length > VECTOR_LABEL_LIMIT;
  const card = hovered === null ? undefined : tracks.find((t) => t.m.key === hovered);
  return (
    <g className="messages">
      {/* Hover is handled here, for every dot: the dots themselves carry no handlers, so they
          re-render only when they come and go. */}
      {few ? (
        <>
          <g
            ref={dots}
            onMouseOver={(event) => setHovered(keyOf(event.target))}
            onMouseOut={(event) => setHovered(keyOf(event.relatedTarget))}
          >
            {tracks.map(({ m }) => (
              <Dot key={m.key} m={m} r={dot} few={few} crowded={crowded} looks={looks} />
            ))}
          </g>
          <g className="message-labels" aria-hidden="true">
            {tracks.map(({ m, label }) =>
              label ? (
                <text
                  key={m.key}
                  className="message-label"
                  data-testid="message-label"
                  data-kind={m.kind}
                  data-from={m.from}
                  data-to={m.to}
                  x={label.x.toFixed(1)}
                  y={label.y.toFixed(1)}
                  textAnchor={label.anchor}
                >
                  {label.text}
                </text>
              ) : null,
            )}
          </g>
        </>
      ) : (
        // Many in flight: one canvas, not an element each (see MessageCanvas).
        <MessageCanvas tracks={tracks} r={dot} looks={looks} />
      )}
      {failures?.map((d) => {
        const a = layout.positions.get(d.from);
        const b = layout.positions.get(d.to);
        if (!a || !b) return null;
        const [, q] = linkEnds(a, b, layout.radius + 4, side);
        const s = dot * 1.1;
        return (
          <g
            key={d.key}
            className="drop"
            data-testid="drop"
            data-kind={d.kind}
            data-reason={d.reason}
            transform={`translate(${q.x.toFixed(1)} ${q.y.toFixed(1)})`}
          >
            <title>{`${d.kind} from ${d.from} to ${d.to} dropped (${d.reason})`}</title>
            <circle r={dot} fill={looks.colour(d.kind)} opacity={0.45} />
            <line x1={-s} y1={-s} x2={s} y2={s} />
            <line x1={-s} y1={s} x2={s} y2={-s} />
          </g>
        );
      })}
      {card && <MessageCard track={card} nameOf={nameOf} width={layout.width} zoom={layout.presenter ? 1.5 : 1} />}
    </g>
  );
}

/** One message in flight; where it is, the layer sets (see `place`). */
const Dot = memo(function Dot({ m, r, few, crowded, looks }: { m: InFlight; r: number; few: boolean; crowded: boolean; looks: KindLooks }) {
  const colour = looks.colour(m.kind);
  return (
    <g className="message" data-testid="message" data-kind={m.kind} data-from={m.from} data-to={m.to}>
      {/* Its kind's shape, as well as its colour and letter. */}
      <path className="message-shape" d={looks.symbolPath(m.kind, r)} fill={colour} />
      {/* A larger, invisible target: small dots are hard to hover. */}
      {few && r < 10 && <circle className="message-hit" r={10} />}
      {few && r >= 9 && (
        <text className="message-mark" textAnchor="middle" dy="0.35em" style={{ fill: inkOn(colour) }}>
          {looks.mark(m.kind)}
        </text>
      )}
      {few && <MessageLogical m={m} r={r} crowded={crowded} />}
    </g>
  );
});

/** The timestamp the message carries (its send's logical clock), riding beside its dot. */
function MessageLogical({ m, r, crowded }: { m: InFlight; r: number; crowded: boolean }) {
  const mode = useLogical((s) => s.mode);
  const label = useLab(selectSendLogical(m.seq, mode));
  if (label === null || (mode === 'vector' && crowded)) return null;
  return (
    <text className="message-logical" data-testid="message-logical" data-seq={m.seq} x={r + 3} y={-r - 2} aria-hidden="true">
      {label}
    </text>
  );
}

const CARD_WIDTH = 400;
const LINE = 22;
const CHARS = 38;

/** The contents of the hovered message, next to it (flipped to the left near the right edge); it follows time. */
function MessageCard({ track, nameOf, width, zoom }: { track: Track; nameOf: (id: number) => string; width: number; zoom: number }) {
  const now = useLab(selectNow);
  const { m } = track;
  const mode = useLogical((s) => s.mode);
  const logical = useLab(selectSendLogical(m.seq, mode));
  const { x, y } = positionAt(track, now);
  const json = m.msg === undefined ? '' : JSON.stringify(m.msg);
  const payload: string[] = [];
  for (let i = 0; i < json.length && payload.length < 4; i += CHARS) payload.push(json.slice(i, i + CHARS));
  if (json.length > CHARS * 4) payload[3] = `${(payload[3] ?? '').slice(0, CHARS - 1)}…`;
  const lines = [
    `${m.kind}  ${nameOf(m.from)} → ${nameOf(m.to)}`,
    `sent ${formatSeconds(m.sendT)}, arrives ${formatSeconds(m.arriveT)}`,
    ...(logical ? [`carries ${logical} (the lab's clock)`] : []),
    ...payload,
  ];
  const height = lines.length * LINE + 14;
  const w = CARD_WIDTH * zoom;
  const left = x + w + 24 > width ? x - w - 16 : x + 16;
  const top = Math.max(4, y - (height * zoom) / 2);
  return (
    <g
      className="message-card"
      data-testid="message-card"
      transform={`translate(${left.toFixed(1)} ${top.toFixed(1)})${zoom === 1 ? '' : ` scale(${zoom})`}`}
      pointerEvents="none"
    >
      <rect width={CARD_WIDTH} height={height} rx={6} />
      {lines.map((text, i) => (
        <text key={i} x={10} y={LINE * (i + 1)} className={i === 0 ? 'card-title' : i === 1 ? 'card-times' : 'card-json'}>
          {text}
        </text>
      ))}
    </g>
  );
}
