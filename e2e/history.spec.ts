import { centreOf, expect, node, nodes, test } from './fixtures';

test('undo and redo walk back and forth one meaningful change at a time', async ({ app: page }) => {
  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();

  // A drag is one step, however many moves it has. Positions are compared by the node's top
  // left corner: live mode's figures, which may arrive at any time, make the node taller.
  const fc1 = node(page, 'fc1');
  const corner = async () => {
    const b = (await fc1.boundingBox())!;
    return { x: b.x, y: b.y };
  };
  const start = await corner();
  const grab = await centreOf(fc1);
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(grab.x + i * 3, grab.y + i * 8);
  await page.mouse.up();
  const moved = await corner();
  expect(moved.y - start.y).toBeGreaterThan(60);

  // A parameter edit is one step.
  await fc1.click();
  const out = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Out features');
  await out.fill('64');
  await out.press('Enter');
  await expect(fc1).toContainText('Linear 2 → 64');

  // Deleting is one step.
  await node(page, 'relu2').click();
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(6);

  await undo.click();
  await expect(nodes(page)).toHaveCount(7);
  await expect(fc1).toContainText('Linear 2 → 64');
  await page.keyboard.press('Control+z');
  await expect(fc1).toContainText('Linear 2 → 32');
  await expect.poll(async () => (await corner()).y).toBeCloseTo(moved.y, 0);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await corner()).x).toBeCloseTo(start.x, 0);
  await expect.poll(async () => (await corner()).y).toBeCloseTo(start.y, 0);
  await expect(undo).toBeDisabled();

  await redo.click();
  await expect.poll(async () => (await corner()).y).toBeCloseTo(moved.y, 0);
  await page.keyboard.press('Control+Shift+Z');
  await expect(fc1).toContainText('Linear 2 → 64');
  await page.keyboard.press('Control+y');
  await expect(nodes(page)).toHaveCount(6);
  await expect(redo).toBeDisabled();
});

test('Ctrl+Z in a text field undoes the typing, not the graph', async ({ app: page }) => {
  await node(page, 'relu1').click();
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(6);
  await node(page, 'fc1').click();
  const label = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Label');
  await label.pressSequentially('abc');
  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(6);
});
