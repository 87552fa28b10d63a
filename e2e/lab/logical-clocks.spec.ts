// Logical clocks (issue 11): the toggle, in the URL; the timestamp a message in flight carries
// and each node's clock on the stage, and the log's; all checked against the exported trace,
// with Lamport's and vector clocks computed here from their definitions.

import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

interface Event {
  seq: number;
  type: string;
  node?: number;
  msgId?: number;
}

/** Events drawn on a node's lane: the ones that tick its clocks. */
const LANE = new Set(['send', 'deliver', 'timer', 'adjust', 'role', 'note', 'crash', 'boot']);

/** Lamport times and vector clocks (node order 1..n) of every lane event, by seq. */
function logicalTimes(events: readonly Event[], n: number): Map<number, { l: number; v: number[] }> {
  const l = new Map<number, number>();
  const v = new Map<number, number[]>();
  const carried = new Map<number, { l: number; v: number[] }>();
  const out = new Map<number, { l: number; v: number[] }>();
  for (const e of events) {
    if (!LANE.has(e.type) || e.node === undefined) continue;
    let lamport = l.get(e.node) ?? 0;
    const vector = [...(v.get(e.node) ?? new Array<number>(n).fill(0))];
    const got = e.type === 'deliver' ? carried.get(e.msgId as number) : undefined;
    if (got) {
      lamport = Math.max(lamport, got.l);
      got.v.forEach((x, i) => (vector[i] = Math.max(vector[i] as number, x)));
    }
    lamport++;
    vector[e.node - 1] = (vector[e.node - 1] as number) + 1;
    l.set(e.node, lamport);
    v.set(e.node, vector);
    if (e.type === 'send') carried.set(e.msgId as number, { l: lamport, v: vector });
    out.set(e.seq, { l: lamport, v: vector });
  }
  return out;
}

async function exportedTrace(page: Page): Promise<Event[]> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  return (JSON.parse(text) as { events: Event[] }).events;
}

test('Lamport times on the stage: the toggle is in the URL, a message carries its send’s time, each node shows its clock', async ({
  page,
}) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10', 1);
  await lab.pauseAtStart();
  const toggle = page.getByTestId('control-logical');
  await expect(toggle).toHaveValue('off');
  await expect(page.getByTestId('message-logical')).toHaveCount(0);
  await toggle.selectOption('lamport');
  await expect(page).toHaveURL(/[?&]logical=lamport(&|$)/);

  // The first message in flight with a label: caught as it appears (it is gone in a fraction of a second).
  const first = page.evaluate(
    () =>
      new Promise<{ text: string; seq: number }>((resolve) => {
        const observer = new MutationObserver(() => {
          const el = document.querySelector('[data-testid="message-logical"]');
          if (!el) return;
          observer.disconnect();
          resolve({ text: el.textContent ?? '', seq: Number(el.getAttribute('data-seq')) });
        });
        observer.observe(document.body, { subtree: true, childList: true });
      }),
  );
  await lab.play.click();
  const carried = await first;
  await lab.playUntil(() => expect(lab.finishedBadge).toBeVisible({ timeout: 500 }));

  const events = await exportedTrace(page);
  const times = logicalTimes(events, 10);
  expect(events.find((e) => e.seq === carried.seq)?.type).toBe('send');
  expect(carried.text).toBe(`L=${times.get(carried.seq)?.l}`);
  // Every node's clock at the end is its last event's.
  for (let id = 1; id <= 10; id++) {
    const last = events.filter((e) => e.node === id && LANE.has(e.type)).at(-1);
    await expect(page.getByTestId(`node-${id}-logical`)).toHaveAttribute('data-value', `L=${times.get(last?.seq ?? -1)?.l ?? 0}`);
  }
  // The log's newest line is stamped with its event's time.
  const newest = events.filter((e) => LANE.has(e.type)).at(-1) as Event;
  await expect(lab.eventLog).toContainText(`L=${times.get(newest.seq)?.l} `);
});

test('vector clocks from the URL: each node shows its vector; off takes them away and out of the URL', async ({ page }) => {
  const lab = new VisualLab(page);
  await page.goto('/?scenario=bully-10&seed=1&logical=vector');
  await expect(page.getByTestId('control-logical')).toHaveValue('vector');
  await lab.playUntil(() => expect(lab.finishedBadge).toBeVisible({ timeout: 500 }));
  const events = await exportedTrace(page);
  const times = logicalTimes(events, 10);
  for (const id of [1, 5, 9]) {
    const last = events.filter((e) => e.node === id && LANE.has(e.type)).at(-1) as Event;
    await expect(page.getByTestId(`node-${id}-logical`)).toHaveAttribute('data-value', `V=[${times.get(last.seq)?.v.join(',')}]`);
  }
  await page.getByTestId('control-logical').selectOption('off');
  await expect(page.getByTestId('node-1-logical')).toHaveCount(0);
  await expect(page).not.toHaveURL(/logical=/);
});

test('a wrong logical= says so once and shows none', async ({ page }) => {
  await page.goto('/?scenario=bully-10&seed=1&logical=hybrid');
  await expect(page.getByTestId('lab-problem')).toContainText('logical="hybrid" is none of off, lamport, vector');
  await expect(page.getByTestId('control-logical')).toHaveValue('off');
});

test('on the diagram a click selects an event: its causal past and future are marked as the trace says, the rest concurrent', async ({
  page,
}) => {
  const lab = new VisualLab(page);
  await page.goto('/?scenario=bully-10&seed=1&logical=lamport');
  await lab.playUntil(() => expect(lab.finishedBadge).toBeVisible({ timeout: 500 }));
  const diagram = lab.spacetime;
  const canvas = diagram.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const events = await exportedTrace(page);
  // Zoom about the election (P5 is told at 1.5 s): the wheel zooms about the pointer.
  const windowOf = async () => ({ x0: Number(await diagram.getAttribute('data-x0')), x1: Number(await diagram.getAttribute('data-x1')) });
  const pxOf = (t: number, w: { x0: number; x1: number }): number => 96 + ((t - w.x0) / (w.x1 - w.x0)) * (box.width - 8 - 96);
  await page.mouse.move(box.x + pxOf(1580, await windowOf()), box.y + 60);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await windowOf()).x1 - (await windowOf()).x0).toBeLessThan(1000);
  const w = await windowOf();
  // P7's first send (an OK to P5, after P5's ELECTION reached it): on P7's lane, the seventh of
  // ten (18 px from the top, evenly down to 24 px above the bottom).
  const laneY = 18 + 6 * ((box.height - 24 - 36) / 9);
  const sendT = (events.find((e) => e.type === 'send' && e.node === 7) as Event & { t: number }).t;
  await canvas.click({ position: { x: pxOf(sendT, w), y: laneY } });
  await expect(diagram).toHaveAttribute('data-selected-seq', /\d+/);
  const seq = Number(await diagram.getAttribute('data-selected-seq'));
  const selected = events.find((e) => e.seq === seq) as Event;
  expect(selected.node).toBe(7);

  // What the trace says: e → f iff V(e) < V(f), with vector clocks computed here.
  const times = logicalTimes(events, 10);
  const before = (a: number[], b: number[]): boolean => a.every((x, i) => x <= (b[i] as number)) && a.some((x, i) => x < (b[i] as number));
  const mine = times.get(seq)?.v as number[];
  const expected = (s: number): string => {
    const v = times.get(s)?.v as number[];
    return s === seq ? 'self' : before(v, mine) ? 'past' : before(mine, v) ? 'future' : 'concurrent';
  };
  const counts = { past: 0, future: 0, concurrent: 0 };
  for (const s of times.keys()) if (s !== seq) counts[expected(s) as 'past' | 'future' | 'concurrent']++;
  expect(counts.past).toBeGreaterThan(0);
  expect(counts.future).toBeGreaterThan(0);
  expect(counts.concurrent).toBeGreaterThan(0);
  await expect(diagram).toHaveAttribute('data-causal-counts', `${counts.past} ${counts.future} ${counts.concurrent}`);
  await expect(page.getByTestId('spacetime-causal')).toContainText(
    `${counts.past} in its causal past, ${counts.future} in its causal future`,
  );

  // The table of events in view carries each event's relation, and selects from the keyboard.
  await page.locator('.spacetime-events summary').click();
  const rows = page.getByTestId('spacetime-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const marks = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({ seq: Number(tr.getAttribute('data-seq')), causal: tr.getAttribute('data-causal') })),
  );
  expect(marks.length).toBeGreaterThan(10);
  for (const m of marks) expect(m.causal, `seq ${m.seq}`).toBe(expected(m.seq));
  expect(new Set(marks.map((m) => m.causal))).toEqual(new Set(['self', 'past', 'future', 'concurrent']));
  const other = rows.filter({ has: page.getByRole('button', { name: 'select' }) }).last();
  const otherSeq = Number(await other.getAttribute('data-seq'));
  await other.getByRole('button', { name: 'select' }).focus();
  await page.keyboard.press('Enter');
  await expect(diagram).toHaveAttribute('data-selected-seq', String(otherSeq));
  await canvas.focus();
  await page.keyboard.press('Escape');
  await expect(diagram).not.toHaveAttribute('data-selected-seq', /.*/);
});

for (const theme of ['light', 'dark'] as const) {
  test(`${theme} theme: vector clocks on, an event selected from the diagram's table — no serious or critical axe violation`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: theme });
    const lab = new VisualLab(page);
    await page.goto('/?scenario=bully-10&seed=1&logical=vector');
    await lab.playUntil(() => expect(lab.finishedBadge).toBeVisible({ timeout: 500 }));
    await page.locator('.spacetime-events summary').click();
    await page.getByTestId('spacetime-table').getByRole('button', { name: 'select' }).last().click();
    await expect(lab.spacetime).toHaveAttribute('data-selected-seq', /\d+/);
    await expect(page.getByTestId('spacetime-causal')).toBeVisible();
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary ?? ''}`);
    expect(serious).toEqual([]);
  });
}
