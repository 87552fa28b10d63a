// Renders the web manifest's PNG icons from public/favicon.svg in headless Chromium
// (`npm run icons`): 192 and 512 px on white for "any", and a 512 px "maskable" one whose
// drawing sits inside the central 80 % safe zone that launchers may crop to a circle.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../bench/browser.ts';

const PUBLIC = fileURLToPath(new URL('../public/', import.meta.url));
const svg = readFileSync(`${PUBLIC}favicon.svg`, 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const icons = [
  { file: 'icon-192.png', size: 192, inset: 0.08 },
  { file: 'icon-512.png', size: 512, inset: 0.08 },
  { file: 'icon-maskable-512.png', size: 512, inset: 0.2 },
];

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  for (const { file, size, inset } of icons) {
    await page.setViewportSize({ width: size, height: size });
    const pad = Math.round(size * inset);
    await page.setContent(
      `<body style="margin:0;background:#fff"><img src="${dataUrl}" style="display:block;margin:${pad}px;width:${size - 2 * pad}px;height:${size - 2 * pad}px"></body>`,
    );
    await page.screenshot({ path: `${PUBLIC}${file}`, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`public/${file} ${size}×${size}`);
  }
} finally {
  await browser.close();
}
