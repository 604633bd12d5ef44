#!/usr/bin/env node
// `npm run icons`: renders build/icon.svg (the one source image) into the PNGs electron-builder takes:
// build/icon.png (1024 px; mac and Windows icons are converted from it) and build/icons/NxN.png (Linux).
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const buildDir = fileURLToPath(new URL('../../build/', import.meta.url));
const svg = readFileSync(`${buildDir}icon.svg`);
const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();

writeFileSync(`${buildDir}icon.png`, render(1024));
mkdirSync(`${buildDir}icons`, { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(`${buildDir}icons/${size}x${size}.png`, render(size));
process.stdout.write(`icons: wrote build/icon.png and build/icons/{16..512}x{16..512}.png from build/icon.svg\n`);
