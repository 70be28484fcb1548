import type { Page } from '@playwright/test';
import { expect, node, test } from './fixtures';
import { exportJson, openTraining, setSetting, status, trainingPanel, trainUntil } from './training-helpers';

/** A separable 4-feature, 3-class table with named classes, drawn from a fixed sequence. */
function flowersCsv(rows = 150): string {
  let seed = 12345;
  const noise = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed / 2 ** 32 - 0.5) * 0.6;
  };
  const centres = [
    [5.0, 3.4, 1.5, 0.2],
    [5.9, 2.8, 4.3, 1.3],
    [6.6, 3.0, 5.6, 2.0],
  ];
  const names = ['setosa', 'versicolor', 'virginica'];
  const lines = ['sepal_length,sepal_width,petal_length,petal_width,species'];
  for (let i = 0; i < rows; i++) {
    const k = i % 3;
    lines.push([...centres[k].map((c) => (c + noise()).toFixed(2)), names[k]].join(','));
  }
  return lines.join('\n') + '\n';
}

async function chooseCsv(page: Page, name: string, text: string): Promise<void> {
  await trainingPanel(page).getByTestId('csv-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('a bad CSV lists every problem with its line and column, and changes nothing', async ({ app: page }, info) => {
  await openTraining(page);
  const before = await exportJson(page);
  await chooseCsv(page, 'broken.csv', 'x1,x2,label\n0.1,0.2,0\n0.3,abc,1\n0.5,0.6\n0.7,0.8,-1\n0.9,1.0,1\n');

  const dialog = page.getByRole('alertdialog', { name: 'This CSV file cannot be used' });
  await expect(dialog).toContainText('“broken.csv” has 3 problems. Nothing was changed');
  const rows = dialog.getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toHaveText(/^3\s*x2\s*"abc" is not a number\.$/);
  await expect(rows.nth(2)).toHaveText(/^4\s*Expected 3 columns \(as in the header\), got 2\.$/);
  await expect(rows.nth(3)).toHaveText(/^5\s*label\s*The label "-1" is out of range: class numbers start at 0\.$/);
  await page.screenshot({ path: info.outputPath('csv-errors.png') });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(trainingPanel(page).getByLabel('Dataset', { exact: true })).toHaveValue('spiral');
  await expect(node(page, 'input')).toContainText('Input 2');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  expect(await exportJson(page)).toBe(before);
});

test('a good CSV becomes the dataset, the Input takes its features, and one undo takes both back', async ({ app: page }) => {
  test.slow();
  await openTraining(page);
  await chooseCsv(page, 'flowers.csv', flowersCsv());
  await expect(page.getByRole('status')).toContainText('Loaded “flowers.csv”: 150 samples, 4 features, 3 classes. The Input takes 4 features.');
  const panel = trainingPanel(page);
  await expect(panel.getByLabel('Dataset', { exact: true })).toHaveValue('csv');
  await expect(panel.getByTestId('dataset-info')).toHaveText('150 samples: 120 training, 30 test · 4 features · 3 classes (setosa, versicolor, virginica)');
  await expect(node(page, 'input')).toContainText('Input 4');
  await expect(node(page, 'fc1')).toContainText('Linear 4 → 32');
  await expect(panel.getByLabel('Label column')).toHaveValue('species');
  // 4 features: no plane to draw a boundary on; the panel says what the data is.
  await expect(panel.getByTestId('decision-boundary')).toContainText('this data has 4 features (sepal_length, sepal_width, petal_length, petal_width) and 3 classes');

  // One undo step takes the data and the Input's features back together; redo brings both.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'input')).toContainText('Input 2');
  await expect(node(page, 'fc1')).toContainText('Linear 2 → 32');
  await expect(panel.getByLabel('Dataset', { exact: true })).toHaveValue('spiral');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(node(page, 'input')).toContainText('Input 4');
  await expect(panel.getByLabel('Dataset', { exact: true })).toHaveValue('csv');

  // And it trains.
  await setSetting(page, 'Epochs', '40');
  await trainUntil(page, 'finished');
  expect(Number(await status(page).getAttribute('data-test-accuracy'))).toBeGreaterThanOrEqual(0.9);
});

test('the label column can be chosen; data that does not fit the model is pinned to the node, with a fix', async ({ app: page }) => {
  await openTraining(page);
  // Five classes in the last column, but the spiral network gives 3 scores.
  const lines = ['a,b,grade'];
  for (let i = 0; i < 50; i++) lines.push(`${(i % 7) / 7},${(i % 5) / 5},${i % 5}`);
  await chooseCsv(page, 'grades.csv', lines.join('\n'));
  const panel = trainingPanel(page);
  const problems = panel.getByRole('group', { name: 'Data problems' });
  await expect(problems).toContainText("The dataset 'grades.csv' has 5 classes, but the network gives 3 scores per sample.");
  await expect(status(page).getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await problems.getByRole('button', { name: "Give 'fc3' 5 outputs, one per class" }).click();
  await expect(problems).toHaveCount(0);
  await expect(node(page, 'fc3')).toContainText('Linear 32 → 5');

  // Labels from column "a" instead: seven distinct values are not class numbers (fractions), so the file is refused.
  await panel.getByLabel('Label column').selectOption('a');
  const dialog = page.getByRole('alertdialog', { name: 'This CSV file cannot be used' });
  await expect(dialog).toContainText('is out of range: class numbers are whole numbers');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(panel.getByLabel('Label column')).toHaveValue('grade');
});

test('the Input follows a built-in dataset again, and the data is drawn before training', async ({ app: page }) => {
  await openTraining(page);
  const lines = ['p,q,r,label'];
  for (let i = 0; i < 30; i++) lines.push(`${i},${i % 3},${i % 5},${i % 3}`);
  await chooseCsv(page, 'three.csv', lines.join('\n'));
  await expect(node(page, 'input')).toContainText('Input 3');
  await trainingPanel(page).getByLabel('Dataset', { exact: true }).selectOption('moons');
  await expect(node(page, 'input')).toContainText('Input 2');
  await expect(trainingPanel(page).getByTestId('dataset-info')).toHaveText('450 samples: 360 training, 90 test · 2 features · 2 classes');
  const points = trainingPanel(page).getByTestId('decision-boundary').locator('canvas');
  await expect(points).toHaveCount(1);
  const painted = await points.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(1000);
});

test('choosing “Your own CSV…” opens the file picker; the menu stays on the current data until a file is loaded', async ({ app: page }) => {
  const panel = await openTraining(page);
  const menu = panel.getByLabel('Dataset', { exact: true });
  const picker = page.waitForEvent('filechooser');
  await menu.selectOption('csv');
  const chooser = await picker;
  await expect(menu).toHaveValue('spiral');
  await chooser.setFiles({ name: 'flowers.csv', mimeType: 'text/csv', buffer: Buffer.from(flowersCsv(30)) });
  await expect(menu).toHaveValue('csv');
  await expect(panel.getByText('flowers.csv', { exact: true })).toBeVisible();
  await expect(node(page, 'input')).toContainText('Input 4');
});
