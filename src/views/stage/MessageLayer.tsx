// Messages in flight, each a dot moving along its link at the pace its latency implies:
// position = (now − sent) / (arrives − sent). Drops (lost, partitioned, to a crashed node)
// show as a short-lived cross where the message failed. Re-renders with time, by design.
// Hovering (or focusing) a message shows its contents: kind, from → to, send and arrival
// times and the message as sent (JSON).

import { useState } from 'react';
import { useLab } from '../../store/context.tsx';
import { selectFailures, selectInFlight, selectNow, selectScenario } from '../../store/selectors.ts';
import { type InFlight, messageProgress } from '../../store/trace-view.ts';
import type { StageLayout } from './layout.ts';
import { linkEnds, STAGE_WIDTH } from './layout.ts';
import { kindColour, kindMark } from './palette.ts';

/** Beyond this many dots, the marks inside them are left out (they would be unreadable anyway). */
const MARK_LIMIT = 80;

export function MessageLayer({ layout }: { layout: StageLayout }) {
  const now = useLab(selectNow);
  const inFlight = useLab(selectInFlight);
  const failures = useLab(selectFailures);
  const dot = Math.max(5, Math.min(13, layout.radius * 0.3));
  const side = Math.min(10, layout.radius * 0.25);
  const [hovered, setHovered] = useState<string | null>(null);
  const scenario = useLab(selectScenario);
  const nameOf = (id: number): string => scenario?.nodes.find((n) => n.id === id)?.name ?? `node ${id}`;
  const placed: { m: InFlight; x: number; y: number }[] = [];
  for (const m of inFlight) {
    const a = layout.positions.get(m.from);
    const b = layout.positions.get(m.to);
    if (!a || !b) continue;
    const [p, q] = linkEnds(a, b, layout.radius + 4, side);
    const f = messageProgress(m, now);
    placed.push({ m, x: p.x + (q.x - p.x) * f, y: p.y + (q.y - p.y) * f });
  }
  const card = hovered === null ? undefined : placed.find((c) => c.m.key === hovered);
  return (
    <g className="messages">
      {placed.map(({ m, x, y }) => {
        return (
          <g
            key={m.key}
            className="message"
            data-testid="message"
            data-kind={m.kind}
            data-from={m.from}
            data-to={m.to}
            transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}
            onMouseEnter={() => setHovered(m.key)}
            onMouseLeave={() => setHovered((k) => (k === m.key ? null : k))}
          >
            <circle r={dot} fill={kindColour(m.kind)} />
            {/* A larger, invisible target: small dots are hard to hover. */}
            <circle className="message-hit" r={Math.max(dot, 10)} />
            {inFlight.length <= MARK_LIMIT && dot >= 9 && (
              <text className="message-mark" textAnchor="middle" dy="0.35em">
                {kindMark(m.kind)}
              </text>
            )}
          </g>
        );
      })}
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
            <circle r={dot} fill={kindColour(d.kind)} opacity={0.45} />
            <line x1={-s} y1={-s} x2={s} y2={s} />
            <line x1={-s} y1={s} x2={s} y2={-s} />
          </g>
        );
      })}
      {card && <MessageCard m={card.m} x={card.x} y={card.y} nameOf={nameOf} />}
    </g>
  );
}

const CARD_WIDTH = 400;
const LINE = 22;
const CHARS = 38;

/** The contents of the hovered message, next to it (flipped to the left near the right edge). */
function MessageCard({ m, x, y, nameOf }: { m: InFlight; x: number; y: number; nameOf: (id: number) => string }) {
  const json = m.msg === undefined ? '' : JSON.stringify(m.msg);
  const payload: string[] = [];
  for (let i = 0; i < json.length && payload.length < 4; i += CHARS) payload.push(json.slice(i, i + CHARS));
  if (json.length > CHARS * 4) payload[3] = `${(payload[3] ?? '').slice(0, CHARS - 1)}…`;
  const lines = [
    `${m.kind}  ${nameOf(m.from)} → ${nameOf(m.to)}`,
    `sent ${(m.sendT / 1000).toFixed(3)} s, arrives ${(m.arriveT / 1000).toFixed(3)} s`,
    ...payload,
  ];
  const height = lines.length * LINE + 14;
  const left = x + CARD_WIDTH + 24 > STAGE_WIDTH ? x - CARD_WIDTH - 16 : x + 16;
  const top = Math.max(4, y - height / 2);
  return (
    <g
      className="message-card"
      data-testid="message-card"
      transform={`translate(${left.toFixed(1)} ${top.toFixed(1)})`}
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
