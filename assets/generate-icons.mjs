#!/usr/bin/env node
// Renders assets/icon.svg and assets/tray.svg to the PNG sizes the packages and the tray need, with Debian's Chromium
// (no ImageMagick needed). Run again after changing an SVG: `node assets/generate-icons.mjs`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const here = import.meta.dirname;
const appSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const traySizes = [
  ['tray-icon.png', 16],
  ['tray-icon@2x.png', 32],
  ['tray-iconTemplate.png', 16],
  ['tray-iconTemplate@2x.png', 32],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  const render = async (svgFile, size, outFile) => {
    const svg = readFileSync(path.join(here, svgFile), 'utf8');
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
    await page.screenshot({ path: outFile, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };
  for (const size of appSizes) await render('icon.svg', size, path.join(here, 'icons', `${size}x${size}.png`));
  await render('icon.svg', 1024, path.join(here, 'icon.png'));
  for (const [name, size] of traySizes) await render('tray.svg', size, path.join(here, 'tray', name));
} finally {
  await browser.close();
}
