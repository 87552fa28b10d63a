import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../hosts/inline.ts';
import { presets } from '../../scenarios/index.ts';
import { looksOf } from '../stage/palette.ts';
import { type DiagramTheme, drawSpaceTime, geometry, spaceTimeSvg, timeTicks, type Viewport } from './spacetime-draw.ts';
import { buildSpaceTime } from '../../store/spacetime-model.ts';
import { LogicalClocks } from '../../core/index.ts';

const preset = (id: string) => presets.find((p) => p.id === id)!;
const theme: DiagramTheme = {
  background: '#ffffff',
  lane: '#4b5563',
  text: '#111827',
  band: 'rgba(213, 94, 0, 0.22)',
  gap: '#6b7280',
  grid: '#d1d5db',
  font: '14px system-ui, sans-serif',
};
const nameOf = (id: number) => `P${id}`;

/** bully-10 run with P10 back at 3 s: drops to the crashed P10, a crash gap, leader bands. */
function bullyRun() {
  const run = simulateInline(preset('bully-10'), 1, { actions: [{ at: 3000, type: 'recover', node: 10 }], until: 4000 });
  return buildSpaceTime(run.events);
}

/** A canvas context that records what is filled and stroked (the parts the SVG names by data-part). */
function recordingContext() {
  const ops: { op: 'fill' | 'stroke' | 'text'; style: string; dash: string }[] = [];
  let dash: number[] = [];
  let segments = 0;
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: '',
    textBaseline: '',
    setLineDash: (d: number[]) => {
      dash = d;
    },
    beginPath: () => {
      segments = 0;
    },
    moveTo: () => segments++,
    lineTo: () => segments++,
    arc: () => segments++,
    rect: () => segments++,
    closePath: () => undefined,
    fill: () => ops.push({ op: 'fill', style: ctx.fillStyle, dash: '' }),
    stroke: () => ops.push({ op: 'stroke', style: ctx.strokeStyle, dash: dash.join(' ') }),
    fillText: () => ops.push({ op: 'text', style: ctx.fillStyle, dash: '' }),
    save: () => undefined,
    restore: () => undefined,
    clip: () => undefined,
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, ops, segments: () => segments };
}

describe('space-time drawing', () => {
  it('the SVG export has what the canvas draws: axis, bands, lanes, crash gaps, arrowheads, drop marks, shapes and dots', () => {
    const model = bullyRun();
    const view: Viewport = { x0: 0, x1: 4000, width: 1000, height: 320 };
    const svg = spaceTimeSvg(model, view, theme, nameOf, 4000);
    for (const part of [
      'axis',
      'leader-bands',
      'lanes',
      'crash-gaps',
      'arrows',
      'arrowheads',
      'dropped-arrows',
      'drop-marks',
      'event-dots',
      'kind-shapes',
    ])
      expect(svg, part).toContain(`data-part="${part}"`);
    // Dropped messages are dashed as well as crossed.
    expect(svg).toMatch(/data-part="dropped-arrows"[^>]*stroke-dasharray="5 3"/);
    // Every lane is named, every kind has its shape, and the axis labels are d3-scale's ticks.
    for (let id = 1; id <= 10; id++) expect(svg).toContain(`>P${id}</text>`);
    for (const kind of ['ELECTION', 'OK', 'COORDINATOR']) expect(svg).toContain(`data-part="kind-shapes" data-kind="${kind}"`);
    const ticks = timeTicks(geometry(model, view));
    expect(ticks.map((t) => t.label)).toEqual(['0.0 s', '0.5 s', '1.0 s', '1.5 s', '2.0 s', '2.5 s', '3.0 s', '3.5 s', '4.0 s']);
    for (const t of ticks) expect(svg).toContain(`>${t.label}</text>`);
    expect(svg).toContain('>true time</text>');
  });

  it('the canvas and the SVG are one routine: the same fills, strokes and texts in the same order', () => {
    const model = bullyRun();
    const view: Viewport = { x0: 500, x1: 2500, width: 900, height: 300 };
    const svg = spaceTimeSvg(model, view, theme, nameOf, 3500);
    const canvas = recordingContext();
    drawSpaceTime(canvas.ctx, model, view, theme, nameOf, 3500, null);
    const fromSvg: string[] = [];
    for (const m of svg.matchAll(/<(path|text)\b([^>]*)>/g)) {
      const attrs = m[2] ?? '';
      const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];
      if (m[1] === 'text') fromSvg.push(`text ${attr('fill')}`);
      else {
        if (attr('fill') !== 'none') fromSvg.push(`fill ${attr('fill')}`);
        if (attr('stroke')) fromSvg.push(`stroke ${attr('stroke')} ${attr('stroke-dasharray') ?? ''}`.trim());
      }
    }
    const fromCanvas = canvas.ops.map((o) => `${o.op} ${o.style}${o.op === 'stroke' && o.dash ? ` ${o.dash}` : ''}`);
    expect(fromCanvas.length).toBeGreaterThan(20);
    expect(fromCanvas).toEqual(fromSvg);
  });

  it('a window before anything happened draws its axis and no arrows', () => {
    const model = bullyRun();
    const empty = spaceTimeSvg(model, { x0: -5000, x1: -1000, width: 800, height: 300 }, theme, nameOf, 4000);
    expect(empty).not.toContain('data-part="arrows"');
    expect(empty).toContain('data-part="axis"');
  });

  it('gives every kind of an algorithm a shape of its own', () => {
    expect(new Set(['ELECTION', 'OK', 'COORDINATOR', 'HEARTBEAT'].map(looksOf('bully').shape)).size).toBe(4);
    expect(looksOf('cristian').shape('REQUEST')).not.toBe(looksOf('cristian').shape('REPLY'));
  });

  it('labels ticks in ms when the window is short', () => {
    const model = bullyRun();
    const labels = timeTicks(geometry(model, { x0: 1000, x1: 1040, width: 900, height: 300 })).map((t) => t.label);
    expect(labels[0]).toBe('1000 ms');
    expect(labels.every((l) => l.endsWith(' ms'))).toBe(true);
  });
});

describe('a selected event on the diagram (issue 11)', () => {
  it('greys the rest, lights its causal past and future, marks concurrent events and writes Lamport times', () => {
    const { events } = simulateInline(preset('bully-10'), 1);
    const model = buildSpaceTime(events);
    const clocks = new LogicalClocks(preset('bully-10').nodes.map((n) => n.id));
    for (const e of events) clocks.push(e);
    // P6's delivery of P5's first ELECTION: P5's events before it are its past, the election after it its future.
    const index = events.findIndex((e) => e.type === 'deliver' && e.node === 6 && e.kind === 'ELECTION');
    const causality = clocks.causality(index)!;
    const view: Viewport = { x0: 1400, x1: 1800, width: 1000, height: 320 };
    const svg = spaceTimeSvg(model, view, theme, nameOf, 5000, 'true', {
      causal: { index, relation: (i) => clocks.relation(causality, i) },
      stamp: (i) => String(clocks.lamportAt(i)),
      selectedLabel: `L=${clocks.lamportAt(index)}`,
    });
    for (const part of [
      'causal-dim',
      'causal-past-arrows',
      'causal-future-arrows',
      'causal-past',
      'causal-future',
      'causal-concurrent',
      'causal-self',
    ])
      expect(svg, part).toContain(`data-part="${part}"`);
    expect(svg).toContain(`>L=${clocks.lamportAt(index)}<`);
    // Without a selection nothing of it is drawn.
    expect(spaceTimeSvg(model, view, theme, nameOf, 5000)).not.toContain('causal-');
  });
});
