import { describe, expect, it } from 'vitest';
import type { UserAction } from '../core/index.ts';
import { simulateInline } from '../hosts/inline.ts';
import { findPreset } from '../scenarios/index.ts';
import { buildReport, formatSummary, LOG_TAIL, LogTailSink, logTailOf } from './report.ts';

function runScenario(id: string, seed: number, options: { until?: number; actions?: UserAction[] } = {}) {
  const scenario = findPreset(id);
  if (!scenario) throw new Error(`no preset ${id}`);
  const until = options.until ?? scenario.durationMs;
  const run = simulateInline(scenario, seed, { until, ...(options.actions ? { actions: options.actions } : {}) });
  return { ...run, until };
}

describe('buildReport', () => {
  it('bully-10 seed 1: 9 leads every live node, 10 is crashed, 33 messages', () => {
    const { sim, until } = runScenario('bully-10', 1);
    const report = buildReport(sim, until);
    expect(report).toMatchObject({ scenario: 'bully-10', seed: 1, until: 5000 });
    const live = report.nodes.filter((n) => n.status === 'alive');
    expect(live.map((n) => n.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const n of live) expect(n.coordinator).toBe(9);
    expect(report.nodes.find((n) => n.id === 9)?.role).toBe('coordinator');
    expect(report.nodes.find((n) => n.id === 10)).toEqual({
      id: 10,
      name: 'P10',
      status: 'crashed',
      role: 'crashed',
      coordinator: null,
      clockMs: 5000,
      offsetMs: 0,
    });
    expect(report.messages.byKind).toEqual({ COORDINATOR: 8, ELECTION: 15, OK: 10 });
    expect(report.messages.sent).toBe(33);
    expect(report.messages.delivered + report.messages.dropped).toBe(33);
  });

  it('ring-8 seed 1: every live node believes 7 leads', () => {
    const { sim, until } = runScenario('ring-8', 1);
    const report = buildReport(sim, until);
    const live = report.nodes.filter((n) => n.status === 'alive');
    expect(live).toHaveLength(7);
    for (const n of live) expect(n.coordinator).toBe(7);
    expect(report.nodes.find((n) => n.id === 8)?.status).toBe('crashed');
  });

  it('bully-10 with 9 crashed at 3 s and 2 told at 3.2 s: 8 leads everywhere by 7 s', () => {
    const actions: UserAction[] = [
      { at: 3000, type: 'crash', node: 9 },
      { at: 3200, type: 'notice', node: 2 },
    ];
    const { sim, until } = runScenario('bully-10', 1, { until: 7000, actions });
    const report = buildReport(sim, until);
    expect(report.nodes.filter((n) => n.status === 'crashed').map((n) => n.id)).toEqual([9, 10]);
    for (const n of report.nodes.filter((n) => n.status === 'alive')) expect(n.coordinator).toBe(8);
    expect(report.nodes.find((n) => n.id === 8)?.role).toBe('coordinator');
  });

  it('reports each clock at until and its offset from true time', () => {
    const { sim, until } = runScenario('cristian-basic', 1, { until: 500 });
    const report = buildReport(sim, until);
    // Before the first sync the client's clock is its initial 480 ms plus 3% drift.
    expect(report.nodes.find((n) => n.id === 2)).toMatchObject({ clockMs: 480 + 500 * 1.03, offsetMs: 480 + 500 * 0.03 });
    for (const n of report.nodes) expect(n.offsetMs).toBeCloseTo(n.clockMs - until, 6);
  });

  it('is the same for the same seed and arguments', () => {
    const a = runScenario('cristian-manipal-buddy', 7);
    const b = runScenario('cristian-manipal-buddy', 7);
    expect(JSON.stringify(buildReport(b.sim, b.until))).toBe(JSON.stringify(buildReport(a.sim, a.until)));
    expect(formatSummary(b.sim, b.until, logTailOf(b.events))).toBe(formatSummary(a.sim, a.until, logTailOf(a.events)));
  });
});

describe('formatSummary', () => {
  it('names the run, tabulates the nodes, counts the messages and tells what happened', () => {
    const { sim, until, events } = runScenario('bully-10', 1);
    const text = formatSummary(sim, until, logTailOf(events));
    expect(text).toContain('Bully election: ten processes (bully-10)');
    expect(text).toContain('seed 1, run until 5000 ms');
    expect(text).toMatch(/^ 9 {2}P9 +alive +coordinator +9 \(itself\)/m);
    expect(text).toMatch(/^10 {2}P10 +crashed +- +-/m);
    expect(text).toContain('Messages: 33 sent, 28 delivered, 5 dropped');
    expect(text).toContain('sent by kind: COORDINATOR 8, ELECTION 15, OK 10');
    expect(text).toContain('user crashes P10');
    expect(text).toMatch(/P9 is the new coordinator$/);
  });

  it('ends with at most the last 15 log lines, and the tail sink keeps the same ones as the full trace', () => {
    const { sim, until, events } = runScenario('berkeley-basic', 1);
    const full = logTailOf(events);
    const sink = new LogTailSink();
    for (const e of events) sink.push(e);
    expect(sink.tail()).toEqual(full);
    expect(full.events).toHaveLength(LOG_TAIL);
    expect(full.total).toBeGreaterThan(LOG_TAIL);
    expect(formatSummary(sim, until, full)).toContain(`Log (last ${LOG_TAIL} of ${full.total} notes and user actions):`);
  });
});
