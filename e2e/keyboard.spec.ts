import { edges, expect, node, nodes, test } from './fixtures';

test('Delete and Backspace remove the selection, but not while typing in a field', async ({ app: page }) => {
  await node(page, 'relu1').click();
  await page.keyboard.press('Backspace');
  await expect(nodes(page)).toHaveCount(6);
  await expect(edges(page)).toHaveCount(4);

  await node(page, 'fc2').click();
  const label = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Label');
  await label.fill('xy');
  await label.press('Backspace');
  await label.press('Delete');
  await expect(label).toHaveValue('x');
  await expect(nodes(page)).toHaveCount(6);
});

test('copy and paste duplicate nodes with the edges between them, with new ids, offset', async ({ app: page }) => {
  await node(page, 'fc1').click();
  await node(page, 'relu1').click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('status')).toContainText('Copied 2 nodes.');
  await page.keyboard.press('Control+v');
  await expect(nodes(page)).toHaveCount(9);
  await expect(edges(page)).toHaveCount(7);
  const copy = node(page, 'fc4');
  await expect(copy).toContainText('Linear 2 → 32');
  await expect(node(page, 'relu3')).toBeVisible();
  const a = (await node(page, 'fc1').boundingBox())!;
  const b = (await copy.boundingBox())!;
  expect(b.x).toBeGreaterThan(a.x);
  expect(b.y).toBeGreaterThan(a.y);
  // The pasted nodes are selected: Delete removes exactly them.
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(7);
  await expect(edges(page)).toHaveCount(6);
});

test('Ctrl+A selects everything; Ctrl+S downloads the JSON instead of saving the page', async ({ app: page }) => {
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 200 } });
  await page.keyboard.press('Control+a');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(7);
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('7 nodes, 6 connections');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  expect((await download).suggestedFilename()).toBe('spiral-classifier.json');
});

test('every toolbar command is reachable with the keyboard and shows focus', async ({ app: page }) => {
  await page.locator('body').focus();
  const seen: string[] = [];
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '', outline: getComputedStyle(el).outlineStyle };
    });
    seen.push(info.name);
    expect(info.outline, `focus ring on ${info.name}`).not.toBe('none');
  }
  for (const name of ['Undo', 'Redo', 'Import', 'Export', 'Examples', 'Share link', 'Build MLP…', 'Forward', 'Backward', 'Step', 'Train', 'Reset weights', 'Dark theme']) {
    expect(seen, name).toContain(name);
  }
});
