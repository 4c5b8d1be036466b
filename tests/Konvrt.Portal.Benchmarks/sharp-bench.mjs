// sharp's side of the engine benchmark: the same warm-up, timing and two-worker protocol as Konvrt's.
// Usage: node sharp-bench.mjs <pipeline> <input> <iterations> <output>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const sharp = require('sharp');

const [pipeline, inputPath, iterationsText, outputPath] = process.argv.slice(2);
const iterations = Number(iterationsText);
const input = readFileSync(inputPath);

const web = image => image.resize({ width: 1200, withoutEnlargement: true }).webp({ quality: 80 });
const thumb = image => image.resize({ width: 300, withoutEnlargement: true }).webp({ quality: 70 });
const pipelines = {
  resize1200q80: () => web(sharp(input).rotate()).toBuffer(),
  resize300q70: () => thumb(sharp(input).rotate()).toBuffer(),
  webpq80: () => sharp(input).rotate().webp({ quality: 80 }).toBuffer(),
  animatedq80: () => sharp(input, { animated: true }).webp({ quality: 80 }).toBuffer(),
  // Both sizes from one input, as sharp's docs show it: clone() shares the one decode.
  web1200thumb300: async () => {
    const base = sharp(input).rotate();
    const [main] = await Promise.all([web(base.clone()).toBuffer(), thumb(base.clone()).toBuffer()]);
    return main;
  },
};
const once = () => pipelines[pipeline]();

for (let i = 0; i < 5; i++) await once();
const times = [];
let output;
for (let i = 0; i < iterations; i++) {
  const start = process.hrtime.bigint();
  output = await once();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const peakRssKb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
const peakRssOneKb = peakRssKb();
const perWorker = Math.max(4, Math.floor(iterations / 2));
const wallStart = process.hrtime.bigint();
await Promise.all([0, 1].map(async () => { for (let i = 0; i < perWorker; i++) await once(); }));
const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;

writeFileSync(outputPath, output);
const sorted = times.sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(JSON.stringify({ medianMs: median, imagesPerSecond: (2 * perWorker) / wallSeconds, peakRssOneKb, peakRssKb: peakRssKb(), outputBytes: output.length }));
