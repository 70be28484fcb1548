import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, importDocument, node, nodes, openShareLink, test } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function exportText(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'JSON', exact: true }).click();
  return readFile((await (await download).path())!, 'utf8');
}

test('a share link copied to the clipboard reopens the model in a fresh browser', async ({ app: page, browser }) => {
  await node(page, 'fc2').click();
  const out = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Out features');
  await out.fill('24');
  await out.press('Enter');
  const original = await exportText(page);

  const { url, fresh, problems, close } = await openShareLink(page, browser);
  expect(url).toMatch(/^http:\/\/localhost:\d+\/#model=[A-Za-z0-9_-]+$/);
  await expect(fresh.getByRole('status')).toContainText('Opened the shared model “Spiral classifier”.');
  await expect(node(fresh, 'fc2')).toContainText('Linear 32 → 24');
  expect(new URL(fresh.url()).hash).toBe('');
  expect(await exportText(fresh)).toBe(original);
  expect(problems).toEqual([]);
  await close();
});

test('weights that do not fit are left out of the link; a graph too big even without them is refused', async ({ app: page }) => {
  const n = 2 * 4000;
  const data = Buffer.from(new Float32Array(Array.from({ length: n }, (_, i) => Math.sin(i * 78.233) * 43758.5453 % 1)).buffer).toString('base64');
  const bias = Buffer.from(new Float32Array(4000).buffer).toString('base64');
  await importDocument(page, {
    format: 'backprop-studio/model',
    version: 2,
    name: 'Wide',
    seed: 1,
    nodes: [
      { id: 'input', type: 'Input', params: { features: 2 }, position: { x: 0, y: 0 } },
      { id: 'fc1', type: 'Linear', params: { in_features: 2, out_features: 4000 }, position: { x: 210, y: 0 } },
    ],
    edges: [{ id: 'e1', source: 'input', target: 'fc1' }],
    weights: { fc1: { w: { shape: [4000, 2], dtype: 'float32', data }, b: { shape: [4000], dtype: 'float32', data: bias } } },
  });
  await expect(nodes(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('status')).toContainText('Link copied to the clipboard. The weights did not fit, so the link carries the graph only.');
  expect((await page.evaluate(() => navigator.clipboard.readText())).length).toBeLessThan(2000);

  // 400 nodes with labels that do not compress make a graph over the limit on its own.
  let seed = 7;
  const noise = () =>
    Array.from({ length: 110 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return String.fromCharCode(35 + ((seed >>> 16) % 56));
    }).join('');
  await importDocument(page, {
    format: 'backprop-studio/model',
    version: 2,
    name: 'Huge',
    seed: 1,
    nodes: Array.from({ length: 400 }, (_, i) => ({ id: `n${i}`, type: 'ReLU', params: {}, position: { x: (i % 20) * 200, y: Math.floor(i / 20) * 120 }, label: noise() })),
    edges: [],
  });
  await expect(nodes(page)).toHaveCount(400, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('alert')).toContainText('This model is too big for a link');
  await expect(page.getByRole('alert')).toContainText('Use Export → JSON and share the file instead.');
});
