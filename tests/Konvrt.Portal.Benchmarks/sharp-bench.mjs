// sharp's side of the engine benchmark: the same warm-up, timing and two-worker protocol as Konvrt's.
// Usage: node sharp-bench.mjs <pipeline> <input> <iterations> <output>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const sharp = require('sharp');

const [pipeline, inputPath, iterationsText, outputPath] = process.argv.slice(2);
const iterations = Number(iterationsText);
const input = readFileSync(inputPath);

const pipelines = {
  resize1200q80: () => sharp(input).rotate().resize({ width: 1200, withoutEnlargement: true }).webp({ quality: 80 }),
  resize300q70: () => sharp(input).rotate().resize({ width: 300, withoutEnlargement: true }).webp({ quality: 70 }),
  webpq80: () => sharp(input).rotate().webp({ quality: 80 }),
  animatedq80: () => sharp(input, { animated: true }).webp({ quality: 80 }),
};
const once = () => pipelines[pipeline]().toBuffer();

for (let i = 0; i < 5; i++) await once();
const times = [];
let output;
for (let i = 0; i < iterations; i++) {
  const start = process.hrtime.bigint();
  output = await once();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const perWorker = Math.max(4, Math.floor(iterations / 2));
const wallStart = process.hrtime.bigint();
await Promise.all([0, 1].map(async () => { for (let i = 0; i < perWorker; i++) await once(); }));
const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;

writeFileSync(outputPath, output);
const sorted = times.sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
const peakRssKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
console.log(JSON.stringify({ medianMs: median, imagesPerSecond: (2 * perWorker) / wallSeconds, peakRssKb, outputBytes: output.length }));
