import { expect, test } from './fixtures';
import { openTraining, setSetting, status, trainingPanel, trainUntil } from './training-helpers';

test('the noisy-sine example trains to R² ≥ 0.95 on its test split, its fit drawn over the data', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menu', { name: 'Examples' }).getByRole('menuitem', { name: 'Noisy sine (regression)' }).click();
  await expect(page.locator('.bp-doc-title')).toContainText('Noisy sine (regression)');
  const panel = await openTraining(page);
  await expect(panel.getByTestId('dataset-info')).toContainText('300 samples: 240 training, 60 test · 1 feature · 1 number to fit (y, from');
  // Before training: the data alone, and R² and MSE in place of accuracy.
  const view = panel.getByTestId('fit-view');
  await expect(view.locator('figure')).toHaveAttribute('data-fit-kind', 'curve');
  await expect(view).toHaveAttribute('data-fit-step', '');
  await expect(status(page).getByRole('columnheader', { name: 'MSE' })).toBeVisible();
  await expect(status(page).getByRole('columnheader', { name: 'R²' })).toBeVisible();
  await expect(panel.getByTestId('r2-chart')).toBeVisible();

  await trainUntil(page, 'finished');
  const testR2 = Number(await status(page).getAttribute('data-test-r2'));
  const trainR2 = Number(await status(page).getAttribute('data-train-r2'));
  console.log(`noisy sine in the browser: test R² ${testR2}, train R² ${trainR2}`);
  expect(testR2).toBeGreaterThanOrEqual(0.95);
  expect(trainR2).toBeGreaterThanOrEqual(0.95);
  await expect(status(page).getByTestId('test-r2')).toHaveText(testR2.toFixed(3));
  await expect(status(page)).toHaveAttribute('data-test-accuracy', '');
  // The fit of the final weights is on show: the curve's step is the run's last.
  await expect(view).toHaveAttribute('data-fit-step', (await status(page).getAttribute('data-step'))!);
  await expect(trainingPanel(page).getByRole('region', { name: 'Fit' })).toBeVisible();

  // The curve is drawn: red pixels (the prediction) across the plot.
  const red = await view.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const columns = new Set<number>();
    for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] < 120 && d[i + 2] < 120 && d[i + 3] > 200) columns.add((i / 4) % c.width);
    return columns.size / c.width;
  });
  expect(red).toBeGreaterThan(0.9);
  await trainingPanel(page).screenshot({ path: test.info().outputPath('regression-panel.png') });
  await page.screenshot({ path: '/tmp/regress-sine.png' });
});

test('the surface: a 2-D regression shows its prediction as a colour surface', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menu', { name: 'Examples' }).getByRole('menuitem', { name: 'Noisy sine (regression)' }).click();
  const panel = await openTraining(page);
  await panel.getByLabel('Dataset', { exact: true }).selectOption('surface');
  await expect(panel.getByTestId('dataset-info')).toContainText('2 features · 1 number to fit');
  await expect(page.locator('.react-flow__node[data-id="input"]')).toContainText('2');
  await trainUntil(page, 'finished');
  const view = panel.getByTestId('fit-view');
  await expect(view.locator('figure')).toHaveAttribute('data-fit-kind', 'surface');
  await expect(view).not.toHaveAttribute('data-fit-step', '');
  const testR2 = Number(await status(page).getAttribute('data-test-r2'));
  console.log(`surface in the browser: test R² ${testR2}`);
  expect(testR2).toBeGreaterThan(0.5);
  await panel.screenshot({ path: '/tmp/regress-surface.png' });
});

test("a regression run's MSE, R² and fit come back after a reload, as the previous session's run", async ({ app: page }) => {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menu', { name: 'Examples' }).getByRole('menuitem', { name: 'Noisy sine (regression)' }).click();
  const panel = await openTraining(page);
  await setSetting(page, 'Epochs', '40');
  await trainUntil(page, 'finished');
  const figures = ['data-step', 'data-train-loss', 'data-test-loss', 'data-train-r2', 'data-test-r2'];
  const before = await Promise.all(figures.map((f) => status(page).getAttribute(f)));
  expect(Number(before[4])).toBeGreaterThan(0.5);
  const view = panel.getByTestId('fit-view');
  const fitStep = await view.getAttribute('data-fit-step');
  expect(fitStep).toBe(before[0]);
  const shownR2 = await status(page).getByTestId('test-r2').textContent();
  const shownMse = await status(page).getByTestId('test-loss').textContent();

  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.locator('.bp-app')).toHaveAttribute('data-ready', 'true');
  await openTraining(page);
  await expect(page.getByTestId('previous-run')).toBeVisible({ timeout: 10_000 });
  expect(await Promise.all(figures.map((f) => status(page).getAttribute(f)))).toEqual(before);
  await expect(status(page).getByRole('columnheader', { name: 'R²' })).toBeVisible();
  await expect(status(page).getByTestId('test-r2')).toHaveText(shownR2!);
  await expect(status(page).getByTestId('test-loss')).toHaveText(shownMse!);
  // The fit of the run's last weights is drawn again, not just the data.
  await expect(trainingPanel(page).getByTestId('fit-view')).toHaveAttribute('data-fit-step', fitStep!, { timeout: 10_000 });
  await expect(trainingPanel(page).getByRole('region', { name: 'Fit' })).toBeVisible();
  await trainingPanel(page).screenshot({ path: '/tmp/regress-reloaded-fit.png' });
});
