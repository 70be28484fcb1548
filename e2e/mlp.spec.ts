import { edges, expect, node, nodes, test } from './fixtures';

test('the Build MLP dialog validates its fields, builds the chain with its loss and can be cancelled with Escape', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Build MLP…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Build MLP' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('In features')).toBeFocused();

  await dialog.getByLabel('In features').fill('10');
  await dialog.getByLabel('Classes').fill('1');
  await dialog.getByLabel('Hidden sizes').fill('100, x, 100');
  await dialog.getByLabel('Dropout').fill('1');
  await dialog.getByRole('button', { name: 'Build' }).click();
  await expect(dialog.getByLabel('Classes')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('Classes must be between 2 and 1,000,000, got 1');
  await expect(dialog).toContainText('Hidden size 2 must be a number, got “x”');
  await expect(dialog).toContainText('Dropout must be at least 0 and less than 1, got 1');
  await expect(dialog.getByLabel('Classes')).toBeFocused();

  await dialog.getByLabel('Classes').fill('10');
  await dialog.getByLabel('Hidden sizes').fill('100, 50, 100');
  await dialog.getByLabel('Activation').selectOption('tanh');
  await dialog.getByLabel('Dropout').fill('0.25');
  await dialog.getByLabel('Replace the current graph').check();
  await dialog.getByRole('button', { name: 'Build' }).click();
  await expect(dialog).toBeHidden();

  // Input, 3 × (Linear, TanH, Dropout), Linear, loss.
  await expect(nodes(page)).toHaveCount(12);
  await expect(edges(page)).toHaveCount(11);
  await expect(node(page, 'fc1')).toContainText('Linear 10 → 100');
  await expect(node(page, 'fc4')).toContainText('Linear 100 → 10');
  await expect(node(page, 'drop3')).toContainText('Dropout p=0.25');
  // The graph compiles; the spiral's 2 features do not fit its 10 inputs, which Messages says, with fixes.
  await expect(page.getByRole('tabpanel', { name: 'Messages' })).not.toContainText('Error');
  await expect(page.getByRole('group', { name: 'Data problems' })).toContainText("The dataset 'spiral' has 2 features per sample, but the Input takes 10.");
  // The view was fitted: every node is inside the canvas.
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  for (const id of ['input', 'loss']) {
    const b = (await node(page, id).boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(canvas.x);
    expect(b.x + b.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  }

  await page.getByRole('button', { name: 'Build MLP…' }).click();
  await expect(dialog).toBeVisible();
  // Focus stays inside the dialog.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Build MLP…' })).toBeFocused();
  await expect(nodes(page)).toHaveCount(12);
});
