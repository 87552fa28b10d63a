// A small analog dial whose hand goes round once per simulated second, so clocks that
// disagree by a tenth of a second point visibly apart.

export function AnalogFace({ readingMs, r }: { readingMs: number; r: number }) {
  const turn = (((readingMs % 1000) + 1000) % 1000) / 1000;
  const angle = turn * 2 * Math.PI - Math.PI / 2;
  const hand = r * 0.78;
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
      <line className="hand" x1={0} y1={0} x2={Math.cos(angle) * hand} y2={Math.sin(angle) * hand} />
      <circle r={Math.max(1.5, r * 0.08)} className="hub" />
    </g>
  );
}
