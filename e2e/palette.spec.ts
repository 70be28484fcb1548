import { centreOf, dragFromPalette, emptyCanvas, expect, node, nodes, test } from './fixtures';

const TYPES: [name: string, type: string][] = [
  ['Input', 'Input'],
  ['Linear', 'Linear'],
  ['ReLU', 'ReLU'],
  ['LeakyReLU', 'LeakyReLU'],
  ['Sigmoid', 'Sigmoid'],
  ['TanH', 'TanH'],
  ['Dropout', 'Dropout'],
  ['Cross-entropy loss', 'CrossEntropyLoss'],
];

test('every node type can be dragged from the palette and lands where it is dropped', async ({ app: page }) => {
  await emptyCanvas(page);
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  for (const [i, [name, type]] of TYPES.entries()) {
    const at = { x: pane.x + 90 + (i % 4) * 170, y: pane.y + 110 + Math.floor(i / 4) * 150 };
    await dragFromPalette(page, name, at);
    await expect(nodes(page)).toHaveCount(i + 1);
    const added = nodes(page).nth(i);
    await expect(added.locator('.bp-node')).toHaveAttribute('data-node-type', type);
    const c = await centreOf(added);
    expect(Math.abs(c.x - at.x), `${name} x`).toBeLessThan(40);
    expect(Math.abs(c.y - at.y), `${name} y`).toBeLessThan(40);
  }
  await expect(node(page, 'loss1')).toContainText('Cross-entropy loss');
  await expect(node(page, 'fc1')).toContainText('Linear ? → 16');
  await expect(node(page, 'lrelu1')).toContainText('LeakyReLU α=0.01');
  await expect(node(page, 'drop1')).toContainText('Dropout p=0.5');
  await expect(node(page, 'input1')).toContainText('Input 2');
});

test('clicking or pressing Enter on a palette item adds it after the selected node, connected', async ({ app: page }) => {
  await emptyCanvas(page);
  const palette = page.getByRole('navigation', { name: 'Node palette' });
  await palette.getByRole('button', { name: 'Input', exact: true }).click();
  await palette.getByRole('button', { name: 'Linear', exact: true }).click();
  await palette.getByRole('button', { name: 'ReLU', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(nodes(page)).toHaveCount(3);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(node(page, 'relu1')).toContainText('[N, 16]');
  await expect(node(page, 'fc1')).toContainText('Linear 2 → 16');
  await expect(node(page, 'fc1')).toContainText('48 params');
  const a = (await node(page, 'input1').boundingBox())!;
  const b = (await node(page, 'fc1').boundingBox())!;
  expect(b.x).toBeGreaterThan(a.x + a.width);
  expect(Math.abs(b.y - a.y)).toBeLessThan(2);
});

test('each palette item has a description', async ({ app: page }) => {
  const palette = page.getByRole('navigation', { name: 'Node palette' });
  for (const [name] of TYPES) {
    const item = palette.getByRole('button', { name, exact: true });
    await expect(item).toHaveAccessibleDescription(/\S/);
    await expect(item).toHaveAttribute('title', /Click or press Enter/);
  }
});
