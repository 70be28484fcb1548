/**
 * Builds the digits asset from the `mnist` package: 10,000 real MNIST digits (28×28, values
 * k/255 in [0, 1]) as one compact binary file (see src/runtime/datasets/digits/format.ts),
 * the pixels as bytes. The package ships its data only inside its browser bundle, so the
 * bundle is evaluated in a sandbox with a `window` for it to attach to.
 *
 *   npx tsx scripts/build-digits.ts [out.bin]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { encodeDigits, DIGIT_PIXELS } from '../src/runtime/datasets/digits/format';

interface MnistDigit {
  id: number;
  length: number;
  raw: number[];
}

function mnistBundlePath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist/package.json')), 'dist', 'mnist.js');
}

/** The digits in class order (all 0s, then all 1s, …), pixels as round(255 · value). */
export function readMnistPackage(): { labels: Uint8Array; pixels: Uint8Array } {
  const window: { mnist?: MnistDigit[] } = {};
  runInNewContext(readFileSync(mnistBundlePath(), 'utf8'), { window, Math, Error });
  const digits = window.mnist;
  if (!digits || digits.length !== 10) throw new Error('build-digits: the mnist bundle did not define its ten digit classes');
  const count = digits.reduce((s, d) => s + d.length, 0);
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * DIGIT_PIXELS);
  let at = 0;
  for (const d of digits) {
    for (let i = 0; i < d.length; i++, at++) {
      labels[at] = d.id;
      for (let p = 0; p < DIGIT_PIXELS; p++) {
        const v = d.raw[i * DIGIT_PIXELS + p];
        if (!(v >= 0 && v <= 1)) throw new Error(`build-digits: digit ${d.id} #${i} pixel ${p} is ${v}, outside [0, 1]`);
        pixels[at * DIGIT_PIXELS + p] = Math.round(v * 255);
      }
    }
  }
  return { labels, pixels };
}

/** The asset's bytes; cached beside node_modules keyed by the package bundle, since parsing its 21 MB takes a few seconds. */
export function digitsAsset(cacheDir = resolve(dirname(fileURLToPath(import.meta.url)), '../node_modules/.cache/digits')): Uint8Array {
  const bundle = readFileSync(mnistBundlePath());
  const key = createHash('sha256').update(bundle).update(readFileSync(fileURLToPath(new URL('../src/runtime/datasets/digits/format.ts', import.meta.url)))).digest('hex').slice(0, 16);
  const cached = join(cacheDir, `digits-${key}.bin`);
  if (existsSync(cached)) return new Uint8Array(readFileSync(cached));
  const { labels, pixels } = readMnistPackage();
  const bytes = encodeDigits(labels, pixels);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, bytes);
  return bytes;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? 'digits.bin';
  const bytes = digitsAsset();
  writeFileSync(out, bytes);
  console.log(`wrote ${out}: ${bytes.length} bytes`);
}
