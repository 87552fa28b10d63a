// Logical clocks in presenter mode (issue 11): the toggle is reachable there (the scenario line
// that holds it otherwise is folded away), and at ten nodes no node's clock label touches
// another's, a glyph, a name or a role line, measured on screen as the run goes, at the
// projector's 1280×720 and at 1920×1080.

import { expect, type Page, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

interface Rect {
  what: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** On-screen boxes of the labels and of everything they must keep clear of. */
async function boxes(page: Page): Promise<{ labels: Rect[]; others: Rect[]; messages: Rect[] }> {
  return page.evaluate(() => {
    const rect = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      return { what, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const stage = document.querySelector('.stage-svg') as Element;
    const labels = [...stage.querySelectorAll('[data-testid^="node-"][data-testid$="-logical"]')].map((el) =>
      rect(el, el.getAttribute('data-testid') ?? ''),
    );
    const others = [
      ...[...stage.querySelectorAll('[data-testid^="node-"].node-button .shape')].map((el) =>
        rect(el, `glyph of ${el.closest('[data-testid]')?.getAttribute('data-testid') ?? ''}`),
      ),
      ...[...stage.querySelectorAll('.glyph-name, .glyph-role, .glyph-clock, .glyph-offset, .reference-label, .reference-reading')].map(
        (el) => rect(el, `${el.getAttribute('class') ?? ''} "${el.textContent ?? ''}"`),
      ),
    ].filter((r) => r.right > r.left && r.bottom > r.top);
    // The clocks messages carry, where shown (one that would touch another label is hidden).
    const messages = [...stage.querySelectorAll('[data-testid="message-logical"]')]
      .filter((el) => getComputedStyle(el).visibility !== 'hidden')
      .map((el) => rect(el, `message ${el.textContent ?? ''}`));
    return { labels, others, messages };
  });
}

/** At least 1 px of clear space between the two boxes. */
const apart = (a: Rect, b: Rect): boolean =>
  a.right + 1 <= b.left || b.right + 1 <= a.left || a.bottom + 1 <= b.top || b.bottom + 1 <= a.top;

/** No node's label touches another label or anything else on the stage, nor a message's label another label; returns the nodes' labels' texts. */
async function expectClear(page: Page, when: string): Promise<string[]> {
  const { labels, others, messages } = await boxes(page);
  const touching: string[] = [];
  messages.forEach((m, i) => {
    for (const b of [...labels, ...messages.slice(i + 1)]) if (!apart(m, b)) touching.push(`${m.what} touches ${b.what}`);
  });
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) if (!apart(a, b)) touching.push(`${a.what} touches ${b.what}`);
    for (const o of others) if (!apart(a, o)) touching.push(`${a.what} touches ${o.what}`);
  });
  expect(touching, when).toEqual([]);
  return page.locator('.stage-svg [data-testid^="node-"][data-testid$="-logical"]').allTextContents();
}

const screens = [
  // At 1920×1080 the whole vector fits beside (or near) every node; at 1280×720 each node's own entry.
  { width: 1920, height: 1080, vector: /^V=\[\d+,\d+,\d+,\d+,\d+,\s*\d+,\d+,\d+,\d+,\d+\]\s*$/ },
  { width: 1280, height: 720, vector: /^V\d+=\d+$/ },
];

for (const screen of screens) {
  test(`bully-10 in presenter mode at ${screen.width}×${screen.height}: the logical toggle is in the top bar, no clock label touches anything`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: screen.width, height: screen.height });
    const lab = new VisualLab(page);
    await lab.open('bully-10', 1);
    await lab.pauseAtStart();
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');

    const toggle = page.getByTestId('control-logical');
    await expect(toggle).toBeVisible();
    await toggle.selectOption('vector');
    await expect(page).toHaveURL(/[?&]logical=vector(&|$)/);
    await expect(page.locator('.stage-svg [data-testid^="node-"][data-testid$="-logical"]')).toHaveCount(10);

    // Message by message through the election, and at its end.
    for (let i = 0; i < 12; i++) {
      const texts = await expectClear(page, `after ${i} messages`);
      for (const t of texts) expect(t.replace(/\s+$/, '')).toMatch(screen.vector);
      await lab.step.click();
    }
    await lab.playFast('max');
    await expect(lab.finishedBadge).toBeVisible();
    const texts = await expectClear(page, 'finished');
    expect(texts).toHaveLength(10);
    for (const t of texts) expect(t).toMatch(screen.vector);

    // The key cycles the clocks too (off, Lamport, vector): Lamport's labels keep clear as well.
    await page.keyboard.press('l');
    await expect(toggle).toHaveValue('off');
    await expect(page.locator('.stage-svg [data-testid^="node-"][data-testid$="-logical"]')).toHaveCount(0);
    await page.keyboard.press('l');
    await expect(toggle).toHaveValue('lamport');
    await expect(page).toHaveURL(/[?&]logical=lamport(&|$)/);
    for (const t of await expectClear(page, 'Lamport, finished')) expect(t).toMatch(/^L=\d+$/);
  });
}
