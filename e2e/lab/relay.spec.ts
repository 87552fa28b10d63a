// Real-network mode (ARCHITECTURE.md §6): the page linked to a relay shows the lab's own Cristian
// client (q1_client.py, run unmodified) as a real node, with its REQUEST and REPLY.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { seedProgramsDir, startRelay } from '../../src/relay/harness.ts';

test('a real q1_client.py joins cristian-basic as node 3, with its REQUEST and REPLY', async ({ page }) => {
  test.setTimeout(60_000);
  const relay = await startRelay();
  const at = relay.at;
  try {
    await page.goto(`/?scenario=cristian-basic&seed=1&relay=ws://127.0.0.1:${at.wsPort}`);
    await expect(page.getByTestId('relay-status')).toContainText('connected to', { timeout: 15_000 });
    const node = page.getByTestId('node-3');
    await expect(node).toHaveAttribute('data-external', 'true');
    await expect(node).toHaveAttribute('data-status', 'crashed'); // nobody connected yet
    await expect(page.getByTestId('relay-commands')).toContainText('python3 q1_client.py');
    // The picker names the preset the real programs joined, not the first preset.
    await expect(page.getByTestId('scenario-select')).toHaveValue('cristian-basic');

    // The REQUEST and REPLY dots are in flight for a link latency (tens of ms), which a loaded
    // machine may not paint; the log lines below are what stays, so the test reads those.
    const client = spawn('python3', ['-u', path.join(seedProgramsDir(), 'q1_client.py')], {
      env: { ...process.env, PORT: String(at.cristianPort) },
    });
    let out = '';
    client.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => client.on('exit', resolve));
    expect(code, out).toBe(0);
    expect(out).toMatch(/Time returned by server: \d{4}-\d{2}-\d{2} /);

    await expect(node).toHaveAttribute('data-status', 'alive');
    await expect(node).toHaveAttribute('data-role', 'client');
    await expect(page.getByTestId('node-3-address')).toContainText('real · 127.0.0.1:');
    const log = page.getByTestId('event-log');
    await expect(log).toContainText('KMC → Server :8011  REQUEST');
    await expect(log).toContainText('Server :8011 → KMC  REPLY');
  } finally {
    await relay.stop();
  }
});
