// Presenter mode (issue 8 §3) at the projector's 1280×720: every visible text on the stage, the
// lesson's narration and the status line measured as the room sees it — computed font size times
// the element's scale on screen (the SVG's viewBox scaling included) — and at least 24 px, at
// least 4.5:1 against what is behind it; message dots at least 28 px across while one is held in
// flight; `p` and the button switch it; at 1920×1080 everything scales up (×1.38); browser zoom
// makes the stage bigger, at 1280×720 and at 1920×1080.

import { expect, type Page, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

test.use({ viewport: { width: 1280, height: 720 } });

interface Measured {
  text: string;
  where: string;
  /** On-screen size in CSS px: computed font size × the element's screen scale. */
  px: number;
  contrast: number;
}

/**
 * Every visible text in the stage, the lesson's narration and the status line, measured.
 * SVG text: font size × √|det| of getScreenCTM() (the viewBox's scale). HTML text: its font
 * size (no transforms are used there). Contrast: the text's colour against the fill behind it
 * (a message dot's colour for its letter, a glyph's fill for a name inside it, else the
 * nearest opaque background).
 */
async function measureTexts(page: Page): Promise<Measured[]> {
  return page.evaluate(() => {
    const rgb = (c: string): [number, number, number, number] | null => {
      const m = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:,?\s*\/?\s*([\d.]+))?\)/.exec(c);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
    };
    const lum = ([r, g, b]: number[]): number => {
      const f = (v: number): number => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r as number) + 0.7152 * f(g as number) + 0.0722 * f(b as number);
    };
    const ratio = (a: string, b: string): number => {
      const x = rgb(a);
      const y = rgb(b);
      if (!x || !y) return 0;
      const [hi, lo] = [lum(x), lum(y)].sort((p, q) => q - p) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const backdrop = (el: Element): string => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        const c = rgb(bg);
        if (c && c[3] > 0.9) return bg;
      }
      return getComputedStyle(document.body).backgroundColor;
    };
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
    };
    const out: Measured[] = [];
    // SVG text on the stage.
    for (const t of document.querySelectorAll<SVGTextElement>('.stage svg text')) {
      const text = t.textContent?.trim() ?? '';
      if (!text || !visible(t)) continue;
      const m = t.getScreenCTM();
      if (!m) continue;
      const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      const style = getComputedStyle(t);
      const dot = t.classList.contains('message-mark') ? t.parentElement?.querySelector('.message-shape') : null;
      const glyph = t.classList.contains('inside') ? t.parentElement?.querySelector('.shape') : null;
      const behind = dot ? getComputedStyle(dot).fill : glyph ? getComputedStyle(glyph).fill : backdrop(t.closest('.stage') as Element);
      out.push({
        text,
        where: t.getAttribute('class') ?? 'svg text',
        px: parseFloat(style.fontSize) * scale,
        contrast: ratio(style.fill, behind),
      });
    }
    // HTML text: the stage's legend and banners, the lesson panel's narration, the status line.
    const roots = [
      ...document.querySelectorAll('.stage'),
      ...document.querySelectorAll('.lesson'),
      ...document.querySelectorAll('.announcer'),
    ];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const text = n.textContent?.trim() ?? '';
        if (!el || !text || el.closest('svg') || !visible(el)) continue;
        // Text scrolled out of the side column is not on screen.
        const r = el.getBoundingClientRect();
        if (r.bottom <= 0 || r.top >= window.innerHeight) continue;
        const style = getComputedStyle(el);
        // A disabled control is exempt from the contrast rule (WCAG 1.4.3), not from the size.
        const contrast = el.closest('button:disabled') ? 21 : ratio(style.color, backdrop(el));
        out.push({ text, where: el.className || el.tagName, px: parseFloat(style.fontSize), contrast });
      }
    }
    return out;
  });
}

/** The on-screen size of every message dot in flight (its kind's shape): the smaller of its width and height. */
async function dotSizes(page: Page): Promise<number[]> {
  return page.locator('[data-testid=message] .message-shape').evaluateAll((cs) =>
    cs.map((c) => {
      const box = c.getBoundingClientRect();
      return Math.min(box.width, box.height);
    }),
  );
}

async function presenterOn(page: Page): Promise<void> {
  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  await expect(page.getByTestId('control-presenter')).toHaveAttribute('aria-pressed', 'true');
}

/** Next message until one is in flight (a send), so its dot and label hold still to be measured. */
async function holdMessage(lab: VisualLab, kind: string): Promise<void> {
  await expect(async () => {
    await lab.step.click();
    await expect(lab.page.locator(`[data-testid=message][data-kind=${kind}]`).first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
}

function expectReadable(measured: Measured[]): void {
  const small = measured.filter((m) => m.px < 24 - 0.01).map((m) => `${m.where} "${m.text}" ${m.px.toFixed(1)} px`);
  expect(small, 'stage and narration text under 24 px on screen').toEqual([]);
  const faint = measured.filter((m) => m.contrast < 4.5).map((m) => `${m.where} "${m.text}" ${m.contrast.toFixed(2)}:1`);
  expect(faint, 'text under 4.5:1 contrast').toEqual([]);
}

const held = [
  { scenario: 'cristian-basic', kind: 'REPLY', label: /^Ts = \d+\.\d{3} s$/, clocks: true },
  { scenario: 'berkeley-canteen', kind: 'TIME', label: /^\d+\.\d{3} s$/, clocks: true },
  { scenario: 'bully-10', kind: 'ELECTION', label: null, clocks: false },
  { scenario: 'ring-8', kind: 'ELECTION', label: /^\[5(, \d)*\]$/, clocks: false },
];

for (const h of held) {
  test(`${h.scenario} in presenter mode: all stage text ≥ 24 px and 4.5:1, a ${h.kind} dot ≥ 28 px`, async ({ page }) => {
    const lab = new VisualLab(page);
    await lab.open(h.scenario);
    await lab.pauseAtStart();
    await presenterOn(page);
    await holdMessage(lab, h.kind);
    const measured = await measureTexts(page);
    // The nodes' names, roles and the true time at least were measured.
    expect(measured.filter((m) => m.where.includes('glyph-name')).length).toBe(await lab.nodes().count());
    // Every node's role line fits at 1280×720 (none dropped for want of room).
    expect(measured.filter((m) => m.where.includes('glyph-role')).length).toBe(await lab.nodes().count());
    expect(measured.some((m) => m.where.includes('reference-reading'))).toBe(true);
    // Clocks and offsets where they matter (not an election's perfect clocks), all of them.
    for (const line of ['glyph-clock', 'glyph-offset'])
      expect(measured.filter((m) => m.where.includes(line)).length).toBe(h.clocks ? await lab.nodes().count() : 0);
    expectReadable(measured);
    const dots = await dotSizes(page);
    expect(dots.length).toBeGreaterThan(0);
    for (const d of dots) expect(d).toBeGreaterThanOrEqual(28);
    if (h.label) {
      const label = page.locator(`[data-testid=message-label][data-kind=${h.kind}]`).first();
      await expect(label).toHaveText(h.label);
      expect(measured.some((m) => m.where.includes('message-label'))).toBe(true);
    }
  });
}

test('a lesson in presenter mode: narration and stage ≥ 24 px; the clicker keys move the steps', async ({ page }) => {
  await page.goto('/?lesson=ring-8&step=3&seed=1');
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toHaveAttribute('data-step', '3', { timeout: 30_000 });
  await expect(lesson).toHaveAttribute('data-waiting', 'false');
  await presenterOn(page);
  // The secondary panels are folded away; the lesson stays.
  await expect(page.getByTestId('pseudocode')).toBeHidden();
  await expect(page.getByTestId('event-log')).toBeHidden();
  await expect(page.getByTestId('metrics')).toBeHidden();
  await expect(lesson).toBeVisible();
  await expect(page.getByTestId('lesson-next')).toBeInViewport();
  const measured = await measureTexts(page);
  expect(measured.some((m) => m.where.includes('lesson-text'))).toBe(true);
  expectReadable(measured);
  expect(Math.min(...(await dotSizes(page)))).toBeGreaterThanOrEqual(28);
  // The ring's list on the ELECTION in flight, and the ring's direction drawn.
  await expect(page.locator('[data-testid=message-label][data-kind=ELECTION]').first()).toHaveText('[5]');
  await expect(page.getByTestId('ring-arrow')).toHaveCount(8);
  // A presenter's clicker: PageDown and PageUp move through the steps.
  await page.keyboard.press('PageDown');
  await expect(lesson).toHaveAttribute('data-step', '4', { timeout: 30_000 });
  await expect(lesson).toHaveAttribute('data-waiting', 'false');
  await page.keyboard.press('PageUp');
  await expect(lesson).toHaveAttribute('data-step', '3');
});

test('the measurement finds small text when presenter mode is off, and p switches the mode both ways', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseAtStart();
  await holdMessage(lab, 'ELECTION');
  // The same measure on the ordinary page: it must see what presenter mode fixes, or it proves nothing.
  const off = await measureTexts(page);
  expect(off.filter((m) => m.px < 24).length).toBeGreaterThan(10);
  expect(Math.min(...(await dotSizes(page)))).toBeLessThan(28);

  await presenterOn(page);
  expectReadable(await measureTexts(page));
  await page.keyboard.press('p');
  await expect(page.locator('html')).not.toHaveAttribute('data-presenter', 'on');
  await expect(page.getByTestId('control-presenter')).toHaveAttribute('aria-pressed', 'false');
  // The button does the same, and the choice survives a reload (localStorage).
  await page.getByTestId('control-presenter').click();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  await expect(lab.node(1)).toBeVisible();
});

test('at 1920×1080 presenter mode uses the space: stage text, narration and dots scale up by 1.38 (24 → 33 px)', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?lesson=ring-8&step=3&seed=1');
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toHaveAttribute('data-step', '3', { timeout: 30_000 });
  await expect(lesson).toHaveAttribute('data-waiting', 'false');
  await presenterOn(page);
  const scale = 1.5 ** 0.8;
  const measured = await measureTexts(page);
  expect(measured.some((m) => m.where.includes('lesson-text'))).toBe(true);
  expect(measured.filter((m) => m.where.includes('glyph-name')).length).toBe(8);
  const small = measured.filter((m) => m.px < 24 * scale - 0.05).map((m) => `${m.where} "${m.text}" ${m.px.toFixed(1)} px`);
  expect(small, `text under ${(24 * scale).toFixed(1)} px at 1920×1080`).toEqual([]);
  expectReadable(measured);
  expect(Math.min(...(await dotSizes(page)))).toBeGreaterThanOrEqual(28 * scale);
  await expect(page.getByTestId('lesson-next')).toBeInViewport();
});

test('browser zoom makes the presenter stage bigger, not smaller, at 1280×720 and at 1920×1080', async ({ browser }) => {
  /**
   * A node glyph's, its name's and the narration's size on screen (device px) in a window of
   * `width` × `height` device px at a zoom level: browser zoom z shows z device px per CSS px,
   * so the page sees a window of width/z × height/z CSS px (deviceScaleFactor emulates it).
   */
  const measureAt = async (width: number, height: number, zoom: number): Promise<{ glyph: number; name: number; narration: number }> => {
    const context = await browser.newContext({
      viewport: { width: Math.round(width / zoom), height: Math.round(height / zoom) },
      deviceScaleFactor: zoom,
      serviceWorkers: 'block',
    });
    await context.addInitScript(() => window.localStorage.setItem('dslab-presenter', 'on'));
    const page = await context.newPage();
    await page.goto('/?lesson=bully-10&step=1&seed=1');
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    await expect(page.getByTestId('node-1')).toBeVisible();
    await expect(page.locator('.lesson-text').first()).toBeVisible();
    const size = await page.getByTestId('node-1').evaluate((g) => {
      const shape = g.querySelector('.shape') as SVGGraphicsElement;
      const name = g.querySelector('.glyph-name') as SVGTextElement;
      const m = name.getScreenCTM() as DOMMatrix;
      return {
        glyph: shape.getBoundingClientRect().width,
        name: parseFloat(getComputedStyle(name).fontSize) * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)),
        narration: parseFloat(getComputedStyle(document.querySelector('.lesson-text') as Element).fontSize),
      };
    });
    await context.close();
    return { glyph: size.glyph * zoom, name: size.name * zoom, narration: size.narration * zoom };
  };
  const at1280 = await measureAt(1280, 720, 1);
  const at1280zoomed = await measureAt(1280, 720, 1.5);
  expect(at1280zoomed.name).toBeGreaterThanOrEqual(at1280.name * 1.4);
  expect(at1280zoomed.glyph).toBeGreaterThan(at1280.glyph);
  expect(at1280zoomed.narration).toBeGreaterThanOrEqual(at1280.narration * 1.4);

  // A full-HD projector: the same page drawn larger, and zoom still makes it larger again.
  const at1920 = await measureAt(1920, 1080, 1);
  expect(at1920.narration).toBeGreaterThanOrEqual(at1280.narration * 1.3);
  expect(at1920.name).toBeGreaterThanOrEqual(at1280.name * 1.3);
  expect(at1920.glyph).toBeGreaterThanOrEqual(at1280.glyph * 1.3);
  for (const zoom of [1.25, 1.5]) {
    const zoomed = await measureAt(1920, 1080, zoom);
    expect(zoomed.narration, `narration at ${zoom * 100}% zoom`).toBeGreaterThan(at1920.narration);
    expect(zoomed.name, `node name at ${zoom * 100}% zoom`).toBeGreaterThan(at1920.name);
    // The glyphs already fill the stage's room at 1920×1080 (their spacing sets their size): zoom keeps them, never shrinks them much.
    expect(zoomed.glyph, `glyph at ${zoom * 100}% zoom`).toBeGreaterThan(at1920.glyph * 0.95);
  }
  test.info().annotations.push({
    type: 'measured',
    description: `node name / narration on screen: 1280 ${at1280.name.toFixed(1)}/${at1280.narration.toFixed(1)} px, 1280 at 150% ${at1280zoomed.name.toFixed(1)}/${at1280zoomed.narration.toFixed(1)} px, 1920 ${at1920.name.toFixed(1)}/${at1920.narration.toFixed(1)} px`,
  });
});
