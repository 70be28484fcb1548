import { connect, dragFromPalette, edges, emptyCanvas, expect, node, nodes, test } from './fixtures';

test('an MLP wired by dragging between handles compiles, and a cycle or a second input is refused with the reason', async ({ app: page }) => {
  await emptyCanvas(page);
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const chain = ['Input', 'Linear', 'ReLU', 'Linear', 'Cross-entropy loss'];
  for (const [i, name] of chain.entries()) await dragFromPalette(page, name, { x: pane.x + 100 + i * 150, y: pane.y + 120 + (i % 2) * 130 });
  await expect(nodes(page)).toHaveCount(5);

  const ids = ['input1', 'fc1', 'relu1', 'fc2', 'loss1'];
  for (let i = 0; i + 1 < ids.length; i++) {
    await connect(page, ids[i], ids[i + 1]);
    await expect(edges(page)).toHaveCount(i + 1);
  }
  const messages = page.getByRole('tabpanel', { name: 'Messages' });
  await expect(messages).toContainText('No problems: the graph compiles.');
  await expect(node(page, 'fc2')).toContainText('Linear 16 → 16');
  await expect(node(page, 'fc2')).toContainText('[N, 16]');
  await expect(node(page, 'loss1')).toContainText('scalar');
  await expect(page.getByTestId('edge-label-e1')).toHaveText('[N, 2]');
  await expect(page.getByTestId('edge-label-e2')).toHaveText('[N, 16]');

  await connect(page, 'fc2', 'fc1');
  await expect(page.getByRole('alert')).toContainText("Connecting Linear 'fc2' to Linear 'fc1' would make a cycle");
  await expect(edges(page)).toHaveCount(4);

  await connect(page, 'input1', 'relu1');
  await expect(page.getByRole('alert')).toContainText("ReLU 'relu1' already receives its input from Linear 'fc1'");
  await expect(edges(page)).toHaveCount(4);
  await expect(messages).toContainText('No problems: the graph compiles.');
});
