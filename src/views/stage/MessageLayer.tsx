// Messages in flight, each a dot moving along its link at the pace its latency implies:
// position = (now − sent) / (arrives − sent). Drops (lost, partitioned, to a crashed node)
// show as a short-lived cross where the message failed. Re-renders with time, by design.

import { useLab } from '../../store/context.tsx';
import { selectFailures, selectInFlight, selectNow } from '../../store/selectors.ts';
import { messageProgress } from '../../store/trace-view.ts';
import type { StageLayout } from './layout.ts';
import { linkEnds } from './layout.ts';
import { kindColour, kindMark } from './palette.ts';

/** Beyond this many dots, the marks inside them are left out (they would be unreadable anyway). */
const MARK_LIMIT = 80;

export function MessageLayer({ layout }: { layout: StageLayout }) {
  const now = useLab(selectNow);
  const inFlight = useLab(selectInFlight);
  const failures = useLab(selectFailures);
  const dot = Math.max(5, Math.min(13, layout.radius * 0.3));
  const side = Math.min(10, layout.radius * 0.25);
  return (
    <g className="messages">
      {inFlight.map((m) => {
        const a = layout.positions.get(m.from);
        const b = layout.positions.get(m.to);
        if (!a || !b) return null;
        const [p, q] = linkEnds(a, b, layout.radius + 4, side);
        const f = messageProgress(m, now);
        const x = p.x + (q.x - p.x) * f;
        const y = p.y + (q.y - p.y) * f;
        return (
          <g
            key={m.key}
            className="message"
            data-testid="message"
            data-kind={m.kind}
            data-from={m.from}
            data-to={m.to}
            transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}
          >
            <title>{`${m.kind} from ${m.from} to ${m.to}, sent at ${(m.sendT / 1000).toFixed(3)} s, arrives ${(m.arriveT / 1000).toFixed(3)} s`}</title>
            <circle r={dot} fill={kindColour(m.kind)} />
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
    </g>
  );
}
