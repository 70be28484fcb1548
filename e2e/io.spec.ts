import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, importDocument, node, nodes, test } from './fixtures';
import { unzip } from './zip';

async function exportJson(page: Page, item: 'JSON' | 'JSON with weights'): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  const d = await download;
  return { name: d.suggestedFilename(), text: await readFile((await d.path())!, 'utf8') };
}

test('exporting JSON and importing it back gives the same document', async ({ app: page }) => {
  await node(page, 'fc2').click();
  const label = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Label');
  await label.fill('hidden layer');
  await label.press('Enter');
  await expect(node(page, 'fc2')).toContainText('hidden layer');

  const first = await exportJson(page, 'JSON');
  expect(first.name).toBe('spiral-classifier.json');
  const doc = JSON.parse(first.text);
  expect(doc).toMatchObject({ format: 'backprop-studio/model', version: 2, name: 'Spiral classifier' });
  expect(doc.weights).toBeUndefined();
  expect(doc.nodes.find((n: { id: string }) => n.id === 'fc2').label).toBe('hidden layer');

  // Change the graph, then import the exported file over it.
  await node(page, 'relu1').click();
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(6);
  await importDocument(page, first.text, 'spiral-classifier.json');
  await expect(nodes(page)).toHaveCount(7);
  await expect(page.getByRole('status')).toContainText('Opened “Spiral classifier” from spiral-classifier.json.');

  const second = await exportJson(page, 'JSON');
  expect(second.text).toBe(first.text);
});

test('JSON with weights carries a weight tensor per Linear layer', async ({ app: page }) => {
  const { name, text } = await exportJson(page, 'JSON with weights');
  expect(name).toBe('spiral-classifier.weights.json');
  const doc = JSON.parse(text);
  expect(Object.keys(doc.weights)).toEqual(['fc1', 'fc2', 'fc3']);
  expect(doc.weights.fc1.w.shape).toEqual([32, 2]);
  expect(doc.weights.fc3.b.shape).toEqual([3]);
});

test('a broken file shows every problem with its path and leaves the graph as it was', async ({ app: page }) => {
  const before = await nodes(page).count();
  const bad = {
    format: 'backprop-studio/model',
    version: 2,
    name: 'bad',
    nodes: [
      { id: 'a', type: 'Linear', params: { out_features: 'ten' }, position: { x: 0, y: 0 } },
      { id: 'b', type: 'Blah', params: {} },
    ],
    edges: [{ id: 'e1', source: 'a', target: 'zz' }],
  };
  await importDocument(page, bad, 'bad.json');
  const dialog = page.getByRole('alertdialog', { name: 'This model could not be opened' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('bad.json has 3 problems. Your current graph was not changed.');
  const problems = dialog.getByRole('list', { name: 'Problems' }).getByRole('listitem');
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toContainText('$.edges[0].target');
  await expect(problems.nth(0)).toContainText("Edge 'e1', target: there is no node with id 'zz'.");
  await expect(problems.nth(1)).toContainText('$.nodes[0].params.out_features');
  await expect(problems.nth(1)).toContainText("parameter out_features: expected a number, got a string ('ten')");
  await expect(problems.nth(2)).toContainText('$.nodes[1].type');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(nodes(page)).toHaveCount(before);
  await expect(node(page, 'fc1')).toContainText('Linear 2 → 32');

  await importDocument(page, '{"format": "backprop-studio/model", "version": 2,, }', 'syntax.json');
  await expect(dialog).toContainText('line 1, column 50');
  await expect(dialog).toContainText('expected a property name in double quotes');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(nodes(page)).toHaveCount(before);
});

test('a .json file dropped on the canvas is imported', async ({ app: page }) => {
  const doc = {
    format: 'backprop-studio/model',
    version: 2,
    name: 'Dropped',
    seed: 3,
    nodes: [
      { id: 'in', type: 'Input', params: { features: 5 }, position: { x: 0, y: 0 } },
      { id: 'lin', type: 'Linear', params: { out_features: 2 }, position: { x: 210, y: 0 } },
    ],
    edges: [{ id: 'e1', source: 'in', target: 'lin' }],
  };
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return d;
  }, JSON.stringify(doc));
  const pane = page.locator('.react-flow__pane');
  await pane.dispatchEvent('dragover', { dataTransfer: dt });
  await pane.dispatchEvent('drop', { dataTransfer: dt });
  await expect(nodes(page)).toHaveCount(2);
  await expect(node(page, 'lin')).toContainText('Linear 5 → 2');
  await expect(page.locator('.bp-doc-title')).toContainText('Dropped');
});

test('PyTorch and ONNX exports download the compiled network', async ({ app: page }) => {
  const download = async (item: string) => {
    const d = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: item, exact: true }).click();
    const file = await d;
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  };
  const py = await download('PyTorch');
  expect(py.name).toBe('spiral_classifier.py');
  const script = py.bytes.toString('utf8');
  expect(script).toContain('import torch');
  expect(script).toContain('nn.Linear(2, 32)');
  expect(script).toContain('nn.Linear(32, 3)');
  const onnx = await download('ONNX');
  expect(onnx.name).toBe('spiral-classifier.onnx');
  // ModelProto starts with field 1 (ir_version, varint).
  expect(onnx.bytes[0]).toBe(0x08);
  // Two Linear(32) layers and one Linear(3): the initializers hold at least 1,251 floats.
  expect(onnx.bytes.length).toBeGreaterThan(1251 * 4);
  await expect(page.getByRole('status')).toContainText('Exported spiral-classifier.onnx.');
});

test('Export → PyTorch training script downloads train.py with the data it trains on', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('menuitem', { name: /PyTorch training script/ })).toBeVisible();
  await page.screenshot({ path: '/tmp/torchscript-menu.png' });
  await page.getByRole('menuitem', { name: /PyTorch training script/ }).click();
  const dialog = page.getByRole('dialog', { name: 'PyTorch training script' });
  await expect(dialog).toBeVisible();
  // Not trained yet: only the initial weights can be chosen.
  await expect(dialog.getByRole('radio', { name: /initial weights/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /current weights/ })).toBeDisabled();
  await expect(dialog).toContainText('Trains 300 epochs on the spiral data, batch 32, Adam with learning rate 0.01');
  await page.screenshot({ path: '/tmp/torchscript-dialog.png' });
  const d = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download .zip' }).click();
  const file = await d;
  expect(file.suggestedFilename()).toBe('spiral-classifier-training.zip');
  const files = unzip(await readFile((await file.path())!));
  expect([...files.keys()]).toEqual(['spiral-classifier-training/train.py', 'spiral-classifier-training/data/train.csv', 'spiral-classifier-training/data/test.csv']);
  const script = files.get('spiral-classifier-training/train.py')!.toString('utf8');
  expect(script).toContain('EPOCHS = 300');
  expect(script).toContain('BATCH_SIZE = 32');
  expect(script).toContain('"kind": "adam", "lr": 0.01');
  expect(script).toContain('nn.Linear(2, 32)');
  expect(script).toContain('def batch_orders(seed: int, n: int):');
  expect(script).toContain('DistributedSampler');
  const train = files.get('spiral-classifier-training/data/train.csv')!.toString('utf8').trim().split('\n');
  const test = files.get('spiral-classifier-training/data/test.csv')!.toString('utf8').trim().split('\n');
  expect(train[0]).toBe('x1,x2,class');
  // 450 samples, 20% of each class held out.
  expect(train.length - 1).toBe(360);
  expect(test.length - 1).toBe(90);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toContainText('Exported spiral-classifier-training.zip');
});
