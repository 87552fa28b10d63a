// The master's latest Berkeley cycle, as the lab printed it but live: each reading (the
// ignored ones struck out), the average, each adjustment, the spread before.

import type { BerkeleyCycle } from '../../../core/index.ts';
import { formatSeconds, formatMs } from '../../stage/format.ts';
import type { NameOf } from '../definition.ts';

export function BerkeleyPanel({ round: cycle, nameOf }: { round: BerkeleyCycle | null; nameOf: NameOf }) {
  if (!cycle) return <p className="hint">Waiting for the master's first cycle…</p>;
  return (
    <div data-testid="berkeley-summary" data-cycle={cycle.cycle} data-spread-before-ms={Math.round(cycle.spreadBeforeMs)}>
      <p className="round-headline">
        Cycle {cycle.cycle} at {formatSeconds(cycle.t)}: average {formatMs(cycle.averageMs)}
      </p>
      <table className="readings">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Offset read</th>
            <th scope="col">Adjust</th>
          </tr>
        </thead>
        <tbody>
          {cycle.readings.map((r) => (
            <tr key={r.node} className={r.ignored ? 'ignored' : undefined}>
              <th scope="row">{nameOf(r.node)}</th>
              <td>
                {/* Only the reading is struck out: an ignored node still gets the correction. */}
                <span className="reading">{formatMs(r.offsetMs)}</span>
                {r.ignored ? ' (ignored)' : ''}
              </td>
              <td>{r.adjustmentMs === null ? '—' : formatMs(r.adjustmentMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fineprint">
        Spread before {formatMs(cycle.spreadBeforeMs)}; threshold {formatMs(cycle.thresholdMs)}; {cycle.mode}
        {cycle.missing.length > 0 ? `; no reply from ${cycle.missing.map(nameOf).join(', ')}` : ''}
      </p>
    </div>
  );
}
