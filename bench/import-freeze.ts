// How long the page's main thread is blocked while importing a large trace file: the longest
// long task and their sum, from the file chosen to "imported trace" shown. Measures the cap in
// core/limits.ts (MAX_TRACE_BYTES). Usage: tsx bench/import-freeze.ts <trace file>...
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveBuiltApp } from './browser.ts';

const BUILD = fileURLToPath(new URL('./results/import-build', import.meta.url));
const files = process.argv.slice(2);
const app = await serveBuiltApp(BUILD);
try {
  for (const file of files) {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${app.base}/?scenario=berkeley-basic&seed=1`);
    await page.getByTestId('node-1').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const started = Date.now();
    await page.getByTestId('trace-import').setInputFiles(file);
    await page.getByTestId('time-travel-state').filter({ hasText: 'imported trace' }).waitFor({ timeout: 300_000 });
    const wall = Date.now() - started;
    await page.waitForTimeout(1000);
    const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const mb = statSync(file).size / 1024 / 1024;
    console.log(
      `${mb.toFixed(1)} MB: imported in ${wall} ms; longest main-thread task ${Math.max(0, ...tasks).toFixed(0)} ms, ${tasks.length} long tasks totalling ${tasks.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
    );
    await page.close();
  }
} finally {
  await app.close();
}
