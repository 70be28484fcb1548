import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { centreOf, expect, importDocument, node, nodes, test, waitForApp } from './fixtures';

async function exportText(page: Page, item: 'JSON' | 'JSON with weights'): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  return readFile((await (await download).path())!, 'utf8');
}

const saved = (page: Page) => expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

function weightsDoc() {
  const f32 = (n: number, k: number) => Buffer.from(new Float32Array(Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + k) * 0.5)).buffer).toString('base64');
  return {
    format: 'backprop-studio/model',
    version: 2,
    name: 'Trained',
    seed: 9,
    nodes: [
      { id: 'input', type: 'Input', params: { features: 3 }, position: { x: 0, y: 0 } },
      { id: 'fc1', type: 'Linear', params: { in_features: 3, out_features: 4 }, position: { x: 210, y: 0 } },
      { id: 'loss', type: 'CrossEntropyLoss', params: {}, position: { x: 420, y: 0 } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'fc1' },
      { id: 'e2', source: 'fc1', target: 'loss' },
    ],
    weights: { fc1: { w: { shape: [4, 3], dtype: 'float32', data: f32(12, 1) }, b: { shape: [4], dtype: 'float32', data: f32(4, 2) } } },
  };
}

test('a reload restores the graph, positions, names, settings and weights exactly', async ({ app: page }) => {
  await importDocument(page, weightsDoc());
  await expect(nodes(page)).toHaveCount(3);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 300 } });
  const name = inspector.getByLabel('Name');
  await name.fill('Trained, then renamed');
  await name.press('Enter');
  const seed = inspector.getByLabel('Seed');
  await seed.fill('1234');
  await seed.press('Enter');
  const loss = await centreOf(node(page, 'loss'));
  await page.mouse.move(loss.x, loss.y);
  await page.mouse.down();
  await page.mouse.move(loss.x + 40, loss.y + 90, { steps: 8 });
  await page.mouse.up();
  await saved(page);
  const before = await exportText(page, 'JSON with weights');
  expect(JSON.parse(before).weights.fc1.w.shape).toEqual([4, 3]);

  await page.reload();
  await waitForApp(page);
  await expect(page.locator('.bp-doc-title')).toContainText('Trained, then renamed');
  expect(await exportText(page, 'JSON with weights')).toBe(before);
});

test('a saved state that no longer parses is set aside with a download, and the default example opens', async ({ app: page }) => {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.open('backprop-studio', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('kv');
        r.onsuccess = () => {
          const tx = r.result.transaction('kv', 'readwrite');
          tx.objectStore('kv').put({ text: '{"format": "backprop-studio/model", "version": 2, "nodes": 7}', savedAt: 1 }, 'autosave');
          tx.oncomplete = () => {
            r.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        r.onerror = () => reject(r.error);
      }),
  );
  await page.reload();
  await waitForApp(page);
  await expect(page.locator('.bp-doc-title')).toContainText('Spiral classifier');
  const note = page.getByTestId('toast').filter({ hasText: 'could not be read' });
  await expect(note).toContainText('The model saved in this browser could not be read ($.nodes:');
  await expect(note).toContainText('It was set aside and the default example opened instead.');
  const download = page.waitForEvent('download');
  await note.getByRole('button', { name: 'Download it' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('unreadable-autosave.json');
  expect(await readFile((await d.path())!, 'utf8')).toBe('{"format": "backprop-studio/model", "version": 2, "nodes": 7}');

  // Set aside: the next start is clean.
  await page.reload();
  await waitForApp(page);
  await expect(page.locator('.bp-doc-title')).toContainText('Spiral classifier');
  await expect(page.getByTestId('toast')).toHaveCount(0);
});
