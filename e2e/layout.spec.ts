import type { Locator } from '@playwright/test';
import { expect, node, test } from './fixtures';

type Box = { x: number; y: number; width: number; height: number };

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  expect(b, 'element has a box').not.toBeNull();
  return b!;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;

test('at the default panel height the VJP panel’s colour legends are in view, or the panel shows it scrolls and they come whole into view', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Backward', exact: true }).click();
  await node(page, 'fc2').click();
  await page.getByRole('tab', { name: 'Backprop', exact: true }).click();
  const panel = page.locator('.bp-tabpanel');
  const vjp = panel.getByRole('region', { name: 'Vector–Jacobian product of this backward step' });
  await expect(vjp).toBeVisible();
  const legends = vjp.locator('.bpv-legend');
  await expect(legends).toHaveCount(2);
  await page.screenshot({ path: '/tmp/custom-vjp-default.png' });
  // Beside the product when the panel is wide enough; else below, with the panel scrolling (a
  // shade at its lower edge says there is more) to bring them whole into view.
  const view = await box(panel);
  const inView = await Promise.all((await legends.all()).map(async (l) => inside(await box(l), view)));
  if (inView.includes(false)) {
    expect(await panel.evaluate((el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).backgroundAttachment.includes('local'))).toBe(true);
    for (const l of await legends.all()) {
      await l.scrollIntoViewIfNeeded();
      expect(inside(await box(l), await box(panel)), 'legend whole once scrolled to').toBe(true);
    }
    await page.screenshot({ path: '/tmp/custom-vjp-scrolled.png' });
  }
});

test('four exports in a row: their messages stack compactly in the canvas’s corner, clear of the step bar, the panels and their charts', async ({ app: page }) => {
  // The page's timers stand still, so the messages stay up however slowly a loaded machine exports.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  // Four kinds, four files, four messages (the same message twice would be shown once).
  for (const item of ['JSON', 'JSON with weights', 'PyTorch', 'ONNX']) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: item, exact: true }).click();
    await download;
  }
  const toasts = page.getByTestId('toast');
  await expect(toasts).toHaveCount(3);
  await expect(page.getByRole('button', { name: '1 earlier message' })).toBeVisible();
  await page.screenshot({ path: '/tmp/custom-toasts.png' });
  const canvas = await box(page.locator('.react-flow'));
  const stepBar = await box(page.getByLabel('Step through a pass'));
  const output = await box(page.locator('.bp-tabpanel'));
  const side = await box(page.getByRole('complementary', { name: 'Inspector' }));
  const boxes = await Promise.all((await toasts.all()).map(box));
  for (const b of boxes) {
    expect(inside(b, canvas), 'toast within the canvas').toBe(true);
    for (const other of [stepBar, output, side]) expect(overlaps(b, other), 'toast clear of the step bar and panels').toBe(false);
  }
  // Compact: one under the other, in the lower half of the canvas, the stack at most a third of its height.
  const top = Math.min(...boxes.map((b) => b.y));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  expect(top).toBeGreaterThan(canvas.y + canvas.height / 2);
  expect(bottom - top).toBeLessThan(canvas.height / 3);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i].y).toBeGreaterThanOrEqual(boxes[i - 1].y + boxes[i - 1].height - 0.5);
});

test('a long model name ends in an ellipsis clear of the step bar, however wide the bar grows while stepping', async ({ app: page }, info) => {
  const name = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Name');
  await name.fill('A rather long model name that would run under the step bar');
  await name.press('Enter');
  const title = page.locator('.bp-doc-title__name');
  await expect(title).toHaveText('A rather long model name that would run under the step bar');
  const stepBar = page.getByLabel('Step through a pass');
  const clear = async () => {
    const [t, s] = [await box(title), await box(stepBar)];
    return s.x - (t.x + t.width);
  };
  await expect.poll(clear).toBeGreaterThanOrEqual(8);
  expect(await title.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  // Stepping puts a long label in the bar, which widens it; the title gives way.
  const before = (await box(stepBar)).width;
  const step = page.getByRole('group', { name: 'Run' }).getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 6; i++) await step.click();
  await expect.poll(async () => (await box(stepBar)).width).toBeGreaterThan(before + 40);
  await expect.poll(clear).toBeGreaterThanOrEqual(8);
  // And the bar stops short of the switches on the right, its label ending in an ellipsis.
  const switches = await box(page.locator('.bp-canvas-overlay__switches'));
  const bar = await box(stepBar);
  expect(switches.x - (bar.x + bar.width)).toBeGreaterThanOrEqual(4);
  expect(await stepBar.locator('.bp-stepbar__label').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await page.screenshot({ path: info.outputPath('title-and-step-bar.png') });
});
