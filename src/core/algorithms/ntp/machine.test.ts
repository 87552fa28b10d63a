// NTP driven through the real simulation on the inline host: θ and δ from the four
// timestamps, the clock filter, strata, the bound δ/2 + drift allowance on every sync (and a
// tampered trace caught by it), the asymmetric link of ntp-basic, and a server that is down
// or not yet synchronised.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import type { Scenario, UserAction } from '../../scenario.ts';
import type { TraceEvent } from '../../trace.ts';
import { checkNtp, ntpOutcomes, ntpSyncs } from './check.ts';
import { clockFilter, type NtpSample, type NtpSettings, offsetAndDelay, UNSYNCHRONISED } from './machine.ts';
import { ntpBasic } from './presets.ts';

const notes = (events: readonly TraceEvent[], topic: string) =>
  events.filter((e): e is Extract<TraceEvent, { type: 'note' }> => e.type === 'note' && e.topic === topic);

const withSettings = (patch: Partial<NtpSettings>, actions: UserAction[] = []): Scenario => ({
  ...ntpBasic,
  algorithm: { id: 'ntp', settings: { ...(ntpBasic.algorithm.settings as NtpSettings), ...patch } },
  actions,
  durationMs: 30_000,
});

describe('offset and delay', () => {
  it('are the textbook formulas', () => {
    // Server 100 ms ahead; 10 ms out, 30 ms back, 5 ms processing: T1 0, T2 110, T3 115, T4 45.
    expect(offsetAndDelay(0, 110, 115, 45)).toEqual({ offsetMs: (110 + 70) / 2, delayMs: 40 });
  });

  it('put the true offset within θ ± δ/2 whatever the two one-way delays (clocks without drift)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (offset, out, back, processing) => {
          const t1 = 1000;
          const t2 = t1 + out + offset;
          const t3 = t2 + processing;
          const t4 = t3 - offset + back;
          const { offsetMs, delayMs } = offsetAndDelay(t1, t2, t3, t4);
          expect(delayMs).toBeCloseTo(out + back, 6);
          expect(Math.abs(offsetMs - offset)).toBeLessThanOrEqual(delayMs / 2 + 1e-6);
          expect(offsetMs - offset).toBeCloseTo((out - back) / 2, 6);
        },
      ),
    );
  });

  it('the clock filter keeps the sample with the smallest delay', () => {
    const s = (sample: number, delayMs: number): NtpSample => ({
      sample,
      t1: 0,
      t2: 0,
      t3: 0,
      t4: 0,
      offsetMs: sample,
      delayMs,
      stratum: 1,
    });
    expect(clockFilter([s(1, 50), s(2, 20), s(3, 35)])?.sample).toBe(2);
    expect(clockFilter([])).toBeNull();
  });
});

describe('ntp-basic', () => {
  const run = simulateInline(ntpBasic, 1);
  const syncs = ntpSyncs(run.events);

  it('every sync is within δ/2 plus the drift allowance, and the checker finds nothing', () => {
    expect(syncs.length).toBeGreaterThanOrEqual(16);
    for (const s of syncs) expect(Math.abs(s.errorMs)).toBeLessThanOrEqual(s.boundMs);
    expect(checkNtp(run.events, ntpBasic, { calmFrom: 0 })).toEqual([]);
  });

  it('the server syncs to the reference at stratum 2 and the clients to the server at stratum 3', () => {
    for (const s of syncs) {
      if (s.client === 2) expect([s.server, s.serverStratum, s.stratum]).toEqual([1, 1, 2]);
      else expect([s.server, s.serverStratum, s.stratum]).toEqual([2, 2, 3]);
    }
    expect(new Set(syncs.map((s) => s.client))).toEqual(new Set([2, 3, 4, 5]));
  });

  it('δ leaves out the server’s processing time, and each poll keeps its lowest-δ sample', () => {
    for (const s of syncs) {
      expect(s.t3 - s.t2).toBeGreaterThan(4); // 5 ms on the server's drifting clock
      expect(s.delayMs).toBeCloseTo(s.t4 - s.t1 - (s.t3 - s.t2), 9);
      expect(s.samples).toHaveLength(3);
      expect(s.delayMs).toBe(Math.min(...s.samples.map((x) => x.delayMs)));
    }
  });

  it('client C’s asymmetric link (15 ms out, 125 back) puts its error near −55 ms, inside its wide bound', () => {
    const c = syncs.filter((s) => s.client === 5);
    const a = syncs.filter((s) => s.client === 3);
    for (const s of c) {
      expect(s.errorMs).toBeLessThan(-40);
      expect(s.errorMs).toBeGreaterThan(-s.boundMs);
    }
    const worstA = Math.max(...a.map((s) => Math.abs(s.errorMs)));
    expect(worstA).toBeLessThan(20);
  });

  it('costs 2 messages per sample: a REQUEST and a RESPONSE, samples × polls of each', () => {
    const polls = run.events.filter((e) => e.type === 'timer' && e.key === 'poll').length;
    const sent = run.events.filter((e) => e.type === 'send');
    const requests = sent.filter((e) => e.type === 'send' && e.kind === 'REQUEST').length;
    expect(sent.length).toBe(2 * requests);
    // Polls still running at the end have sent only part of their samples.
    expect(requests).toBeLessThanOrEqual(3 * polls);
    expect(requests).toBeGreaterThanOrEqual(3 * (polls - 4));
  });

  it('the CLI outcomes carry offsetMs, delayMs and trueErrorMs for each sync', () => {
    const out = ntpOutcomes(run.events)['syncs'] as Record<string, unknown>[];
    expect(out).toHaveLength(syncs.length);
    for (const row of out)
      for (const key of ['offsetMs', 'delayMs', 'trueErrorMs', 'errorMs', 'boundMs', 'within']) expect(row).toHaveProperty(key);
  });

  it('a correction that is not θ is caught (a tampered trace)', () => {
    const first = syncs.find((s) => s.client === 3);
    if (!first) throw new Error('no sync of client A');
    const tampered = run.events.map((e) =>
      e.type === 'adjust' && e.node === 3 && e.t === first.t ? { ...e, deltaMs: e.deltaMs + first.delayMs } : e,
    );
    const found = checkNtp(tampered, ntpBasic, { calmFrom: null });
    expect(found.map((v) => v.invariant)).toEqual(['ntp bound']);
  });
});

describe('strata and failures', () => {
  it('clients that poll before the server has synced discard its answers (stratum 16), then sync', () => {
    const run = simulateInline(withSettings({ serverStartMs: 3000, clientStartMs: 500 }), 2);
    const failed = notes(run.events, 'ntp-failed').filter((n) => n.node !== 2);
    expect(failed.length).toBeGreaterThanOrEqual(3);
    for (const f of failed.filter((n) => n.t < 3000)) expect(f.data?.['rejected']).toBe(3);
    const responses = run.events.filter(
      (e): e is Extract<TraceEvent, { type: 'send' }> => e.type === 'send' && e.kind === 'RESPONSE' && e.node === 2 && e.t < 3000,
    );
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) expect((r.msg as unknown as { stratum: number }).stratum).toBe(UNSYNCHRONISED);
    const syncs = ntpSyncs(run.events);
    for (const client of [3, 4, 5]) expect(syncs.some((s) => s.client === client)).toBe(true);
    expect(checkNtp(run.events, run.sim.scenario, { calmFrom: 0 })).toEqual([]);
  });

  it('with the server down the clients leave their clocks alone; after it recovers (unsynchronised) they sync again once it has', () => {
    const run = simulateInline(
      withSettings({}, [
        { at: 6000, type: 'crash', node: 2 },
        { at: 14_000, type: 'recover', node: 2 },
      ]),
      3,
    );
    const syncs = ntpSyncs(run.events);
    // A poll under way at the crash may still end on the samples it had, once its other requests time out.
    expect(syncs.some((s) => s.client !== 2 && s.t > 9000 && s.t < 14_000)).toBe(false);
    for (const client of [3, 4, 5])
      expect(notes(run.events, 'ntp-failed').some((n) => n.node === client && n.t > 6500 && n.t < 15_000)).toBe(true);
    const serverBack = syncs.find((s) => s.client === 2 && s.t > 14_000);
    expect(serverBack).toBeDefined();
    for (const client of [3, 4, 5]) expect(syncs.some((s) => s.client === client && s.t > (serverBack?.t ?? Infinity))).toBe(true);
    expect(checkNtp(run.events, run.sim.scenario, { calmFrom: 14_000 })).toEqual([]);
  });

  it('slewing keeps the bound too', () => {
    const run = simulateInline(withSettings({ mode: 'slew' }), 4);
    expect(ntpSyncs(run.events).length).toBeGreaterThan(10);
    expect(checkNtp(run.events, run.sim.scenario, { calmFrom: 0 })).toEqual([]);
  });
});
