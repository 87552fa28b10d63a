// True time, which only the simulator knows, shown in the middle of the stage as the
// reference every node's clock is compared with.

import { useLab } from '../../store/context.tsx';
import { selectReadout } from '../../store/selectors.ts';
import { AnalogFace } from './AnalogFace.tsx';
import { formatSeconds } from './format.ts';
import type { Point } from './layout.ts';

const trueTime = (now: number): number => now;

export function ReferenceClock({ at, compact }: { at: Point; compact: boolean }) {
  const now = useLab(selectReadout);
  return (
    <g className="reference-clock" transform={`translate(${at.x} ${at.y})`} role="img" aria-label={`True time ${formatSeconds(now)}`}>
      {!compact && <AnalogFace read={trueTime} r={44} />}
      <text className="reference-label" y={compact ? -14 : 70} textAnchor="middle">
        true time
      </text>
      <text className="reference-reading" y={compact ? 18 : 104} textAnchor="middle" data-testid="true-time">
        {formatSeconds(now)}
      </text>
    </g>
  );
}
