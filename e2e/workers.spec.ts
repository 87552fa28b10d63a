// The worker host in real Chromium: one Web Worker per live node, crash ends a node's
// worker and recover starts a fresh one; both hosts give byte-identical traces for every
// preset × 20 seeds with random actions; a worker that throws and one that hangs are
// contained. The equivalence and fault runs go through the test-only hook `window.__dslab`
// (src/app/debug-hook.ts), which the page installs only with ?debug=1.

import { expect, type Page, test } from '@playwright/test';
import type { UserAction } from '../src/core/index.ts';
import { presetIds, presets } from '../src/scenarios/index.ts';
import type { DslabHook } from '../src/app/debug-hook.ts';
import { LabPage } from './pages/lab-page.ts';

declare global {
  interface Window {
    __dslab?: DslabHook;
  }
}

async function openWithHook(page: Page, search = '?scenario=cristian-basic&seed=1'): Promise<void> {
  await page.goto(`/run.html${search}&debug=1`);
  await page.waitForFunction(() => window.__dslab !== undefined);
}

/** A seeded stream (mulberry32) so a failing case names its seed and replays. */
function randomActions(presetId: string, seed: number): UserAction[] {
  const scenario = presets.find((p) => p.id === presetId);
  if (!scenario) throw new Error(`no preset ${presetId}`);
  let s = seed * 2654435761 + presetId.length;
  const next = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ids = scenario.nodes.map((n) => n.id);
  const verbs = ['crash', 'recover', 'notice'] as const;
  return Array.from({ length: 1 + Math.floor(next() * 6) }, () => ({
    at: Math.floor(next() * scenario.durationMs),
    type: verbs[Math.floor(next() * verbs.length)] ?? 'notice',
    node: ids[Math.floor(next() * ids.length)] ?? 1,
  }));
}

test('each live node runs in its own worker; crash ends it, recover starts a fresh one', async ({ page }) => {
  const lab = new LabPage(page);
  const started: string[] = [];
  let closed = 0;
  page.on('worker', (worker) => {
    started.push(worker.url());
    worker.on('close', () => closed++);
  });
  await lab.open('bully-10', 1);
  await lab.expectRole(9, 'coordinator');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'crashed');

  // Ten workers started (one per node); the preset crashes 10, which ends its worker.
  await expect.poll(() => started.length).toBe(10);
  await expect.poll(() => page.workers().length).toBe(9);
  expect(started.every((url) => /node\.worker/.test(url))).toBe(true);

  await lab.crashButton(3).click();
  await expect(lab.node(3)).toHaveAttribute('data-status', 'crashed');
  await expect.poll(() => page.workers().length).toBe(8);
  expect(closed).toBe(2);

  await lab.recoverButton(3).click();
  await expect(lab.node(3)).toHaveAttribute('data-status', 'alive');
  await expect.poll(() => page.workers().length).toBe(9);
  expect(started).toHaveLength(11);
  // The recovered process holds an election (Bully) and 9 still leads afterwards.
  await lab.expectRole(9, 'coordinator');
  await expect(lab.node(3)).toContainText('P9');
});

for (const presetId of presetIds) {
  test(`${presetId}: worker and inline hosts give byte-identical traces over 20 seeds with random actions`, async ({ page }) => {
    test.setTimeout(120_000);
    await openWithHook(page);
    let speculated = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const actions = randomActions(presetId, seed);
      const result = await page.evaluate(([id, s, a]) => window.__dslab!.compareHosts(id, s, a), [presetId, seed, actions] as const);
      expect(result.worker.length, `seed ${seed}`).toBeGreaterThan(0);
      expect(result.worker, `${presetId} seed ${seed} with ${JSON.stringify(actions)}`).toBe(result.inline);
      speculated += result.speculated;
    }
    expect(speculated).toBeGreaterThan(0);
  });
}

test('a node whose machine throws is faulted with its error, and the election goes on', async ({ page }) => {
  await openWithHook(page);
  const run = await page.evaluate(() => window.__dslab!.faultRun('throw', 9));
  expect(run.faults).toEqual([{ node: 9, error: "test fault: node 9's machine threw" }]);
  expect(run.crashedAtEnd).toEqual([9, 10]);
  expect(run.coordinator).toBe(8);
  expect(run.reachedMs).toBe(5000);
  expect(run.workersAtEnd).toBe(8);
});

test('a node that never answers is terminated at its deadline and faulted; the run goes on', async ({ page }) => {
  await openWithHook(page);
  const run = await page.evaluate(() => window.__dslab!.faultRun('hang', 9, 300));
  expect(run.faults).toHaveLength(1);
  expect(run.faults[0]?.node).toBe(9);
  expect(run.faults[0]?.error).toContain('no answer within the deadline');
  expect(run.crashedAtEnd).toEqual([9, 10]);
  expect(run.coordinator).toBe(8);
  expect(run.workersAtEnd).toBe(8);
});
