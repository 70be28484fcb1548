import { mkdirSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { expect, node, test } from './fixtures';
import { openTraining, setSetting } from './training-helpers';

/** Watching backprop on the default example (the spiral: Input → fc1 → relu1 → fc2 → relu2 → fc3 → loss; edges e1 … e6). */

const ARTIFACTS = 'e2e/artifacts/watch';

async function keep(page: Page, info: TestInfo, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const body = await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
  await info.attach(name, { body, contentType: 'image/png' });
}

const status = (page: Page) => page.getByTestId('step-status');
const edgePath = (page: Page, id: string) => page.getByTestId(`edge-path-${id}`);
const run = (page: Page, name: string) => page.getByRole('group', { name: 'Run' }).getByRole('button', { name, exact: true });

async function openExample(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menu', { name: 'Examples' }).getByRole('menuitem', { name }).click();
  await expect(page.locator('.bp-doc-title')).toContainText(name);
}

test('Step walks forward through the layers, then backward, pulsing along each edge and announcing each step', async ({ app: page }, info) => {
  const forward = ['Linear(2 → 32)', 'ReLU', 'Linear(32 → 32)', 'ReLU', 'Linear(32 → 3)', 'Cross-entropy loss'];
  const order = ['fc1', 'relu1', 'fc2', 'relu2', 'fc3', 'loss'];
  await expect(status(page)).toHaveAttribute('aria-live', 'polite');

  await run(page, 'Step').click();
  for (let i = 0; i < 6; i++) {
    if (i > 0) await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(status(page)).toHaveText(`Forward ${i + 1}/6: ${forward[i]}`);
    await expect(node(page, order[i]).locator('.bp-node')).toHaveAttribute('data-step', 'forward');
    // The pulse runs forwards along the edge that feeds the layer; no gradient yet.
    await expect(page.getByTestId(`rf__edge-e${i + 1}`).locator('.bp-edge-pulse')).toHaveAttribute('data-phase', 'forward');
    await expect(edgePath(page, `e${i + 1}`)).not.toHaveAttribute('data-grad-norm');
    // The first edge carries the batch itself.
    if (i === 0) await expect(page.getByTestId('edge-flow-e1')).toHaveText(/→mean −?[\d.e−]+ ± [\d.e−]+/);
    if (i === 1) {
      // relu1's input edge carries fc1's activation, summarised in words.
      await expect(page.getByTestId('edge-flow-e2')).toHaveText(/→mean −?[\d.e−]+ ± [\d.e−]+/);
      await keep(page, info, 'forward-step');
    }
    // fc2's input edge carries relu1's output, with its share of zeros.
    if (i === 2) await expect(page.getByTestId('edge-flow-e3')).toContainText('zeros');
  }

  const widthBefore = await edgePath(page, 'e6').evaluate((p) => getComputedStyle(p).strokeWidth);
  for (let i = 0; i < 6; i++) {
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(status(page)).toHaveText(`Backward ${i + 1}/6: ${forward[5 - i]}`);
    await expect(node(page, order[5 - i]).locator('.bp-node')).toHaveAttribute('data-step', 'backward');
    const edge = `e${6 - i}`;
    await expect(page.getByTestId(`rf__edge-${edge}`).locator('.bp-edge-pulse')).toHaveAttribute('data-phase', 'backward');
    // The edge now carries a gradient: its norm as an attribute, its width and colour from it.
    await expect(edgePath(page, edge)).toHaveAttribute('data-grad-norm', /^\d/);
    await expect(page.getByTestId(`edge-flow-${edge}`)).toContainText('‖∂L/∂x‖');
    if (i === 1) {
      // The VJP panel: g, J and gᵀJ side by side (and the parameter gradients).
      const vjp = page.getByTestId('vjp-panel');
      await expect(vjp).toContainText('Backward 2/6: Linear(32 → 3)');
      await expect(vjp.getByRole('img', { name: /^g = dL\/d\(out\)/ })).toBeVisible();
      await expect(vjp.getByRole('img', { name: /^J = ∂out\/∂in/ })).toBeVisible();
      await expect(vjp.getByRole('img', { name: /^gᵀJ = dL\/d\(in\)/ })).toBeVisible();
      await expect(vjp.locator('canvas')).toHaveCount(5);
      await keep(page, info, 'backward-step-vjp');
    }
  }
  const widthAfter = await edgePath(page, 'e6').evaluate((p) => getComputedStyle(p).strokeWidth);
  expect(widthAfter).not.toBe(widthBefore);
  for (let e = 1; e <= 6; e++) await expect(edgePath(page, `e${e}`)).toHaveAttribute('data-grad-norm', /^\d/);
  await expect(page.getByTestId('gradient-legend')).toBeVisible();

  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(status(page)).toHaveText('Backward 5/6: ReLU');
  await expect(edgePath(page, 'e1')).not.toHaveAttribute('data-grad-norm');
  await page.getByRole('button', { name: 'Reset the stepped pass' }).click();
  await expect(status(page)).toHaveText('Step through a pass');
});

test('Play runs a whole pass by itself and can be paused', async ({ app: page }) => {
  await page.getByRole('slider').fill('1500');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(status(page)).toHaveText('Backward 6/6: Linear(2 → 32)', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('Forward and Backward put numbers on the nodes and colour the edges by gradient norm', async ({ app: page }, info) => {
  await run(page, 'Forward').click();
  await expect(page.getByTestId('node-stats-fc1')).toContainText('±');
  await expect(page.getByTestId('node-stats-relu1')).toContainText(/\d+% zeros/);
  await expect(page.getByTestId('node-loss-loss')).toHaveText(/loss \d+\.\d{4}/);
  await expect(page.getByTestId('node-grad-fc1')).toHaveCount(0);

  await run(page, 'Backward').click();
  await expect(page.getByTestId('node-grad-fc1')).toContainText('‖∂L/∂out‖');
  await expect(page.getByTestId('node-grad-fc1')).toContainText('‖∂L/∂θ‖');
  const norms = await Promise.all([1, 2, 3, 4, 5, 6].map((e) => edgePath(page, `e${e}`).getAttribute('data-grad-norm')));
  for (const n of norms) expect(Number(n)).toBeGreaterThan(0);
  const style = await edgePath(page, 'e6').getAttribute('style');
  expect(style).toMatch(/stroke-width/);
  await keep(page, info, 'backward-numbers');
});

test('a Linear edge opens its Jacobian: shape, sparsity and the switch to W and b', async ({ app: page }) => {
  await run(page, 'Forward').click();
  // e3 feeds fc2 = Linear(32 → 32) on a batch of 32.
  await page.getByTestId('edge-jacobian-e3').getByRole('button').click();
  const dialog = page.getByTestId('jacobian-dialog');
  await expect(dialog).toContainText('Shape (32, 32, 32, 32)');
  await expect(dialog).toContainText('1,048,576 entries');
  await expect(dialog).toContainText('1/32 non-zero');
  await expect(dialog).toContainText('block-diagonal over samples');
  await dialog.getByRole('button', { name: '∂Y/∂W' }).click();
  await expect(dialog).toContainText('row-blocks');
  await dialog.getByRole('button', { name: '∂Y/∂b' }).click();
  await expect(dialog).toContainText('Shape (32, 32, 32)');
  await expect(dialog).toContainText('stacked identity');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // The thumbnails hide and show together, and the choice is remembered.
  await page.getByRole('button', { name: 'Jacobians' }).click();
  await expect(page.getByTestId('edge-jacobian-e3')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.bp-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('button', { name: 'Jacobians' })).toHaveAttribute('aria-pressed', 'false');
});

test("Question 1's layer: the Jacobian is block-diagonal with 2,147,483,648 entries, 1/64 non-zero", async ({ app: page }, info) => {
  await openExample(page, "Question 1's Linear layer");
  await run(page, 'Forward').click();
  await page.getByTestId('edge-jacobian-e1').getByRole('button').click();
  const dialog = page.getByTestId('jacobian-dialog');
  await expect(dialog).toContainText('Shape (64, 512, 64, 1024)');
  await expect(dialog).toContainText('2,147,483,648 entries');
  await expect(dialog).toContainText('1/64 non-zero');
  await expect(dialog).toContainText('8 GiB if materialised (float32)');
  await expect(dialog).toContainText('block-diagonal over samples');
  await keep(page, info, 'jacobian-question-1');
});

test('the gradient check badges every layer and reports in the homework format, with a Copy button', async ({ app: page, context }, info) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('tab', { name: 'Gradient check' }).click();
  await page.getByRole('button', { name: 'Check gradients' }).click();
  await expect(page.getByTestId('gradcheck-verdict')).toContainText('Every layer passes');
  for (const id of ['fc1', 'relu1', 'fc2', 'relu2', 'fc3', 'loss']) {
    await expect(page.getByTestId(`gradcheck-badge-${id}`)).toHaveAttribute('data-pass', 'true');
    await expect(page.getByTestId(`gradcheck-badge-${id}`)).toContainText('✓');
  }
  const fc1 = page.getByTestId('gradcheck-report-fc1');
  await expect(fc1).toContainText('input    diff=0.000');
  await expect(fc1).toContainText('param#01 diff=0.000');
  await expect(fc1).toContainText('param#02 diff=0.000');
  await page.getByRole('button', { name: 'Copy report' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain('fc1: Linear(2 → 32)\ninput    diff=0.000');
  expect(text).toContain('loss: Cross-entropy loss');
  await keep(page, info, 'gradient-check');
});

test('the inspector shows the selected Linear’s weights, activations and gradients', async ({ app: page }, info) => {
  await node(page, 'fc1').click();
  const inspector = page.getByTestId('tensor-inspector');
  await expect(inspector.getByTestId('tensor-w')).toContainText('[32, 2]');
  await expect(inspector.getByTestId('tensor-w').getByRole('img', { name: /Weights W \[32, 2\]/ })).toBeVisible();
  await expect(inspector.getByTestId('tensor-b')).toContainText('[32]');
  // Live mode ran a forward and backward pass on open: the gradients are there at once.
  await expect(inspector.getByTestId('tensor-dw')).toContainText('[32, 2]');
  await run(page, 'Backward').click();
  await expect(inspector.getByTestId('tensor-dw')).toContainText('[32, 2]');
  await expect(inspector.getByTestId('tensor-output')).toContainText('[32, 32]');
  await keep(page, info, 'tensor-inspector');
  await node(page, 'relu1').click();
  await expect(page.getByTestId('dead-relus')).toContainText(/\d+ of 32 units/);
});

test('the gradient-norm chart follows training and starts again for another example', async ({ app: page }, info) => {
  await openExample(page, 'Deep sigmoid network (vanishing gradients)');
  // Enough epochs that the run is still going when Pause is clicked, however fast the machine.
  await openTraining(page);
  await setSetting(page, 'Epochs', '100000');
  await page.getByRole('tab', { name: 'Gradient norms' }).click();
  const tab = page.getByTestId('gradnorm-tab');
  await expect(tab).toHaveAttribute('data-points', '0');
  await run(page, 'Train').click();
  await expect.poll(async () => Number(await tab.getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThan(20);
  await run(page, 'Pause').click();
  await expect(tab.getByText('fc1 · Linear(2 → 16)')).toBeVisible();
  await keep(page, info, 'gradient-norms-deep-sigmoid');
  await openExample(page, 'Deep ReLU network');
  await expect(tab).toHaveAttribute('data-points', '0');
});

test('the bottom panel resizes by dragging or with the keyboard, and keeps its height', async ({ app: page }) => {
  const panel = page.getByRole('region', { name: 'Output panel' });
  const handle = page.getByRole('separator', { name: 'Resize the output panel' });
  const h0 = (await panel.boundingBox())!.height;
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await panel.boundingBox())!.height).toBe(h0 + 32);
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 60, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await panel.boundingBox())!.height).toBe(h0 + 92);
  await page.reload();
  await expect(page.locator('.bp-app')).toHaveAttribute('data-ready', 'true');
  await expect.poll(async () => (await panel.boundingBox())!.height).toBe(h0 + 92);
});
