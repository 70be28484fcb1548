import type { Page } from '@playwright/test';
import { expect, node, test } from './fixtures';
import { openTraining, setSetting, status, trainingPanel, trainUntil } from './training-helpers';

async function openExample(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menu', { name: 'Examples' }).getByRole('menuitem', { name }).click();
  await expect(page.locator('.bp-doc-title')).toContainText(name);
}

const pause = (page: Page) => trainingPanel(page).getByTestId('training-breakpoint');

test('a dead-ReLU breakpoint set from the node’s menu pauses the deep ReLU network trained too fast, and selects the layer', async ({ app: page }, info) => {
  test.slow();
  await openExample(page, 'Deep ReLU network');
  await openTraining(page);
  // SGD at 3 (the example trains at 0.1) kills most of relu2's units within a few steps.
  await setSetting(page, 'Learning rate', '3');
  // Enough epochs that the run is still going when Stop is clicked at the end, however fast the machine.
  await setSetting(page, 'Epochs', '100000');

  await node(page, 'relu2').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Layer relu2' });
  const entry = menu.getByRole('menuitemcheckbox', { name: /Pause when over 50% of its units are dead/ });
  await expect(entry).toHaveAttribute('aria-checked', 'false');
  await page.screenshot({ path: info.outputPath('context-menu.png') });
  await entry.click();
  await expect(menu).toHaveCount(0);
  const own = trainingPanel(page).getByTestId('breakpoint-dead-units-relu2');
  await expect(own).toBeVisible();
  await expect(own.getByRole('checkbox')).toBeChecked();
  await expect(own.getByLabel('Dead share above (%), relu2')).toHaveValue('50');

  await trainUntil(page, 'paused');
  await expect(pause(page)).toHaveAttribute('data-condition', 'dead-units');
  await expect(pause(page)).toHaveAttribute('data-node', 'relu2');
  await expect(pause(page)).toContainText(/Paused at a breakpoint — Dead ReLUs\. fc2 → relu2: [\d.]+% of 16 units dead \(threshold 50%\) at step \d+\./);
  const percent = Number(/([\d.]+)% of 16/.exec((await pause(page).textContent())!)![1]);
  expect(percent).toBeGreaterThan(50);
  // The layer is marked and selected on the canvas; the Training panel stays on show.
  await expect(node(page, 'relu2')).toHaveClass(/selected/);
  await expect(page.getByTestId('node-relu2')).toHaveAttribute('data-breakpoint', 'Dead ReLUs');
  await expect(page.locator('[data-breakpoint]')).toHaveCount(1);
  await expect(page.getByRole('tab', { name: 'Training' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('toast').filter({ hasText: 'Paused at a breakpoint — Dead ReLUs' })).toBeVisible();
  await trainingPanel(page).locator('.bp-training').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: info.outputPath('dead-relu-paused.png') });

  // Step: the held step's update, then paused again at the next step (the condition still holds: no new hit).
  const step = Number(await status(page).getAttribute('data-step'));
  await pause(page).getByRole('button', { name: 'Step once' }).click();
  await expect(status(page)).toHaveAttribute('data-step', String(step + 1));
  await expect(status(page)).toHaveAttribute('data-state', 'paused');
  await expect(pause(page)).toHaveCount(0);
  // Paused without a breakpoint now, the status offers Step itself. At this rate the next
  // step's loss explodes: the divergence breakpoint pauses it before its update, while
  // relu2's, whose units are still dead, stays quiet.
  await status(page).getByRole('button', { name: 'Step once' }).click();
  await expect(pause(page)).toHaveAttribute('data-condition', 'divergence');
  await expect(status(page)).toHaveAttribute('data-step', String(step + 1));
  await expect(page.getByTestId('node-relu2')).not.toHaveAttribute('data-breakpoint');
  await expect(page.locator('[data-breakpoint]')).toHaveCount(1);

  // Resume applies the held update and goes on.
  await pause(page).getByRole('button', { name: 'Resume' }).click();
  await expect.poll(async () => Number(await status(page).getAttribute('data-step')), { timeout: 30_000 }).toBeGreaterThan(step + 1);
  await status(page).getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'stopped');
  await expect(page.locator('[data-breakpoint]')).toHaveCount(0);
});

test('the divergence breakpoint, on by default, pauses the spiral under Adam at lr 1e6; a lower rate typed while paused resumes the same run', async ({ app: page }, info) => {
  test.slow();
  await openTraining(page);
  const divergence = trainingPanel(page).getByTestId('breakpoint-divergence');
  await expect(divergence.getByRole('checkbox')).toBeChecked();
  await expect(divergence.getByLabel('Loss over its lowest, above (k)')).toHaveValue('1000');
  await expect(trainingPanel(page).getByTestId('breakpoint-non-finite').getByRole('checkbox')).toBeChecked();
  await expect(trainingPanel(page).getByTestId('breakpoint-dead-units').getByRole('checkbox')).not.toBeChecked();

  await expect(trainingPanel(page).getByLabel('Optimizer', { exact: true })).toHaveValue('adam');
  await setSetting(page, 'Learning rate', '1e6');
  await setSetting(page, 'Epochs', '5');
  await trainUntil(page, 'paused');
  await expect(pause(page)).toHaveAttribute('data-condition', 'divergence');
  await expect(pause(page)).toContainText(
    /Training diverged at step \d+: the loss reached \S+, over 1,000 times its lowest \(\S+ at step \d+\)\. The gradient of Linear\(\d+ → \d+\) \('fc\d'\) grew most since step \d+/,
  );
  const culprit = (await pause(page).getAttribute('data-node'))!;
  expect(culprit).toMatch(/^fc\d$/);
  await expect(node(page, culprit)).toHaveClass(/selected/);
  await expect(page.getByTestId(`node-${culprit}`)).toHaveAttribute('data-breakpoint', 'Divergence');
  await trainingPanel(page).locator('.bp-training').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: info.outputPath('divergence-paused.png') });

  // A new learning rate while paused keeps the run (no "settings changed" stop).
  const step = await status(page).getAttribute('data-step');
  await setSetting(page, 'Learning rate', '0.001');
  await expect(status(page)).toHaveAttribute('data-state', 'paused');
  await expect(status(page)).toHaveAttribute('data-step', step!);
  await expect(page.getByTestId('toast').filter({ hasText: 'training stopped' })).toHaveCount(0);
  await pause(page).getByRole('button', { name: 'Resume' }).click();
  // The same run goes on to the end of its 5 epochs (60 steps), its loss finite.
  await expect(status(page)).toHaveAttribute('data-state', 'finished', { timeout: 60_000 });
  await expect(status(page)).toHaveAttribute('data-step', '60');
  expect(Number(await status(page).getAttribute('data-train-loss'))).toBeLessThan(Infinity);

  // The Breakpoints section turns it off; stored in the model, one undo step.
  await divergence.getByRole('checkbox').uncheck();
  await expect(divergence).toHaveAttribute('data-on', 'false');
  await page.keyboard.press('Control+z');
  await expect(divergence).toHaveAttribute('data-on', 'true');
  await trainingPanel(page).getByTestId('breakpoint-plateau').scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('breakpoints-section.png') });
});
