// A small analog dial whose hand goes round once per simulated second, so clocks that
// disagree by a tenth of a second point visibly apart. The hand follows time by its rotation
// alone (one `transform` attribute a frame, set outside React): moving its end point instead
// made the browser lay out and repaint the whole stage every frame.

import { useCallback, useRef } from 'react';
import { useFollowNow } from '../../store/context.tsx';

/** The hand's rotation, in degrees clockwise from twelve o'clock, at a reading in ms. */
export const handDegrees = (readingMs: number): number => ((((readingMs % 1000) + 1000) % 1000) / 1000) * 360;

/** `read` turns true time into the reading the dial shows (a node's local clock, or true time itself). */
export function AnalogFace({ read, r }: { read: (now: number) => number; r: number }) {
  const hand = useRef<SVGLineElement>(null);
  const follow = useCallback(
    (now: number) => hand.current?.setAttribute('transform', `rotate(${handDegrees(read(now)).toFixed(2)})`),
    [read],
  );
  useFollowNow(follow);
  return (
    <g className="analog-face" aria-hidden="true">
      <circle r={r} className="face" />
      {[0, 1, 2, 3].map((q) => (
        <line
          key={q}
          className="tick"
          x1={Math.cos((q * Math.PI) / 2) * r * 0.78}
          y1={Math.sin((q * Math.PI) / 2) * r * 0.78}
          x2={Math.cos((q * Math.PI) / 2) * r}
          y2={Math.sin((q * Math.PI) / 2) * r}
        />
      ))}
      <line ref={hand} className="hand" x1={0} y1={0} x2={0} y2={-r * 0.78} />
      <circle r={Math.max(1.5, r * 0.08)} className="hub" />
    </g>
  );
}
