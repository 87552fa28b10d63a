import { describe, expect, it } from 'vitest';
import type { LinkSettings, Scenario } from '../core/index.ts';
import { findPreset } from '../scenarios/index.ts';
import { timeoutsView } from './timeouts-view.ts';

const bully = findPreset('bully-10') as Scenario;
/** The presets' network: 20 ms plus up to 10 ms of uniform jitter. */
const LAN: LinkSettings = bully.network.defaults;

describe('timeoutsView', () => {
  it('lists the waits a nominal clock uses, scaled to the slowest delay, and the fastest clock’s stretch', () => {
    const lan = timeoutsView(bully, LAN, {});
    expect(lan.oneWayMs).toBe(30);
    expect(lan.timeouts[0]).toEqual({ label: 'OK wait', ms: 150 });

    const slow = timeoutsView(bully, { ...LAN, latencyMs: 500 }, {});
    expect(slow.oneWayMs).toBe(510);
    expect(slow.timeouts[0]).toEqual({ label: 'OK wait', ms: 1530 });

    const fast = timeoutsView(bully, { ...LAN, latencyMs: 500 }, {}, 1.5);
    expect(fast.fastestRate).toBe(1.5);
    expect(fast.timeouts[0]).toEqual({ label: 'OK wait', ms: 1530 });
    expect(fast.warnings).toEqual([]);
    expect(timeoutsView(bully, LAN, {}, 0.5).fastestRate).toBe(1);
  });
});
