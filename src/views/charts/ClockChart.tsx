// The clock chart: each node's offset from true time as a line (d3-shape), with syncs
// marked, Cristian's error bound drawn as a bar at each sync and a band until the next,
// Berkeley cycles shaded and the server's or master's line emphasised. Exports as SVG and PNG.
// It shows a window of the run (the last minutes by default, or all of it), read from the
// store's clock index: a few hundred points per node and the marks in the window, however
// long the run.

import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { memo, useMemo, useRef, useState } from 'react';
import type { NodeId } from '../../core/index.ts';
import type { ClockIndex } from '../../store/clock-chart-model.ts';
import { OKABE_ITO } from '../stage/palette.ts';
import { download } from '../timeline/download.ts';

export interface ClockChartProps {
  clocks: ClockIndex;
  /** Changes when the chart should be drawn again (the store's refresh key). */
  refresh: string;
  nameOf: (id: NodeId) => string;
  /** The moment shown: nothing after it is drawn. */
  now: number;
  reference: NodeId | null;
  width?: number;
  height?: number;
}

const LINE_COLOURS = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.green,
  OKABE_ITO.vermillion,
  OKABE_ITO.purple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
  OKABE_ITO.grey,
];
const M = { left: 64, right: 150, top: 12, bottom: 32 };

/** The windows the chart offers, in ms of true time (0: the whole run). */
const WINDOWS = [60_000, 300_000, 1_800_000, 0];

/** Memoised: the page re-renders every frame, the chart only when the store's refresh key moves. */
export const ClockChart = memo(function ClockChart({
  clocks,
  refresh,
  nameOf,
  now,
  reference,
  width = 720,
  height = 260,
}: ClockChartProps) {
  const svg = useRef<SVGSVGElement>(null);
  const [windowMs, setWindowMs] = useState(300_000);
  const model = useMemo(() => {
    const x1 = Math.max(now, 1);
    const x0 = windowMs === 0 ? 0 : Math.max(0, x1 - windowMs);
    return clocks.model(x0, x1, now, reference);
    // `refresh` says when the index has grown enough to draw again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clocks, refresh, windowMs, reference]);
  const x = scaleLinear()
    .domain([model.extent.t0, model.extent.t1])
    .range([M.left, width - M.right]);
  const y = scaleLinear()
    .domain([model.extent.low, model.extent.high])
    .nice()
    .range([height - M.bottom, M.top]);
  const path = line<{ t: number; offsetMs: number }>()
    .x((p) => x(p.t))
    .y((p) => y(p.offsetMs));
  const ids = [...model.series.keys()].sort((a, b) => a - b);
  const colour = (id: NodeId): string => LINE_COLOURS[ids.indexOf(id) % LINE_COLOURS.length] ?? OKABE_ITO.grey;

  const exportSvg = (): string => (svg.current ? new XMLSerializer().serializeToString(svg.current) : '');
  const exportPng = (): void => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * 2;
      canvas.height = height * 2;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      download('clock-chart.png', canvas.toDataURL('image/png'));
    };
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(exportSvg())}`;
  };

  return (
    <section className="clock-chart" aria-label="Clock offsets over time">
      <div className="chart-toolbar">
        <h2>Clock offsets</h2>
        <label>
          window{' '}
          <select value={windowMs} onChange={(e) => setWindowMs(Number(e.target.value))} aria-label="Clock chart window">
            {WINDOWS.map((ms) => (
              <option key={ms} value={ms}>
                {ms === 0 ? 'whole run' : `last ${ms / 60_000} min`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => download('clock-chart.svg', new Blob([exportSvg()], { type: 'image/svg+xml' }))}>
          SVG
        </button>
        <button type="button" onClick={exportPng}>
          PNG
        </button>
      </div>
      <svg
        ref={svg}
        data-testid="clock-chart"
        xmlns="http://www.w3.org/2000/svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Each node's clock minus true time, in ms"
        fontFamily="system-ui, sans-serif"
        fontSize={12}
      >
        <rect width={width} height={height} fill="var(--chart-bg, #fff)" />
        {model.cycles.map((c) => (
          <rect
            key={c.cycle}
            data-cycle={c.cycle}
            x={x(c.from)}
            width={Math.max(1, x(c.to) - x(c.from))}
            y={M.top}
            height={height - M.top - M.bottom}
            fill="rgba(86, 180, 233, 0.18)"
          />
        ))}
        <line x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} stroke="currentColor" strokeOpacity={0.35} strokeDasharray="4 3" />
        {y.ticks(5).map((v) => (
          <g key={v}>
            <line x1={M.left - 4} x2={M.left} y1={y(v)} y2={y(v)} stroke="currentColor" />
            <text x={M.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle" fill="currentColor">
              {v} ms
            </text>
          </g>
        ))}
        {x.ticks(6).map((v) => (
          <text key={v} x={x(v)} y={height - 10} textAnchor="middle" fill="currentColor">
            {(v / 1000).toFixed(v < 10_000 ? 1 : 0)} s
          </text>
        ))}
        {ids.map((id) => (
          <path
            key={id}
            data-node={id}
            d={path(model.series.get(id) ?? []) ?? ''}
            fill="none"
            stroke={colour(id)}
            strokeWidth={id === model.reference ? 4 : 2}
          />
        ))}
        {model.marks.map((m, i) => (
          <g key={i} data-sync-node={m.node}>
            {m.bound && (
              <rect
                className="bound-band"
                x={x(m.t)}
                width={Math.max(0, x(m.until) - x(m.t))}
                y={y(m.bound.high)}
                height={Math.max(1, y(m.bound.low) - y(m.bound.high))}
                fill={colour(m.node)}
                fillOpacity={0.12}
              />
            )}
            {m.bound && (
              <line
                x1={x(m.t)}
                x2={x(m.t)}
                y1={y(m.bound.low)}
                y2={y(m.bound.high)}
                stroke={colour(m.node)}
                strokeWidth={6}
                strokeOpacity={0.35}
              />
            )}
            <circle cx={x(m.t)} cy={y(m.offsetMs)} r={3.5} fill={colour(m.node)} />
          </g>
        ))}
        {ids.map((id, i) => (
          <text key={id} x={width - M.right + 8} y={M.top + 14 + i * 16} fill={colour(id)} fontWeight={id === model.reference ? 700 : 400}>
            {nameOf(id)}
          </text>
        ))}
      </svg>
    </section>
  );
});
