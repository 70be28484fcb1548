import { documentWith, expect, importDocument, node, test } from './fixtures';

const mlp = documentWith({
  nodes: [
    ['input', 'Input', { features: 4 }],
    ['fc1', 'Linear', { in_features: 4, out_features: 8 }],
    ['relu', 'ReLU'],
    ['fc2', 'Linear', { in_features: 8, out_features: 3 }],
    ['loss', 'CrossEntropyLoss'],
  ],
  edges: [
    ['input', 'fc1'],
    ['fc1', 'relu'],
    ['relu', 'fc2'],
    ['fc2', 'loss'],
  ],
});

test('a size mismatch is pinned to the Linear live and goes away when fixed in the inspector', async ({ app: page }) => {
  await importDocument(page, mlp);
  await expect(node(page, 'fc2')).toContainText('Linear 8 → 3');
  await node(page, 'fc1').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const out = inspector.getByLabel('Out features');
  await out.fill('10');
  await out.press('Enter');

  const fc2 = node(page, 'fc2').locator('.bp-node');
  await expect(fc2).toHaveClass(/bp-node--error/);
  const message = "Linear 'fc2' expects 8 input features (in_features) but receives 10 from ReLU 'relu'";
  await expect(fc2.locator('.bp-node__message')).toContainText(message);
  await expect(fc2.getByRole('img', { name: 'Error' })).toHaveAttribute('title', new RegExp(message.replace(/[()]/g, '\\$&')));
  await expect(page.getByRole('tabpanel', { name: 'Messages' })).toContainText(message);

  // The message in the Messages tab selects the node it is about.
  await page.getByRole('tabpanel', { name: 'Messages' }).getByRole('button', { name: new RegExp(message.replace(/[()]/g, '\\$&')) }).click();
  await expect(inspector.getByRole('heading', { name: 'Linear' })).toBeVisible();
  const inF = inspector.getByLabel('In features');
  await expect(inF).toHaveValue('8');

  // An invalid value is refused beside the field and not committed.
  await inF.fill('2.5');
  await expect(inF).toHaveAttribute('aria-invalid', 'true');
  await expect(inF).toHaveAccessibleDescription(/In features must be a whole number, got 2.5/);
  await inF.press('Enter');
  await expect(fc2).toContainText('Linear 8 → 3');

  // Clearing it lets the size be inferred: the problem disappears at once.
  await inF.fill('');
  await inF.press('Tab');
  await expect(fc2).not.toHaveClass(/bp-node--error/);
  await expect(fc2).toContainText('Linear 10 → 3');
  await expect(inF).toHaveAttribute('placeholder', '10 (inferred)');
  await expect(page.getByRole('tabpanel', { name: 'Messages' })).toContainText('No problems: the graph compiles.');
});

test('a warning marks a node left unconnected', async ({ app: page }) => {
  await importDocument(page, { ...mlp, nodes: [...mlp.nodes, { id: 'extra', type: 'Sigmoid', params: {}, position: { x: 0, y: 200 } }] });
  const extra = node(page, 'extra').locator('.bp-node');
  await expect(extra).toHaveClass(/bp-node--warning/);
  await expect(extra).toContainText("Sigmoid 'extra' is not connected; it is left out of the model.");
  await node(page, 'extra').click();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('tabpanel', { name: 'Messages' })).toContainText('No problems: the graph compiles.');
});
