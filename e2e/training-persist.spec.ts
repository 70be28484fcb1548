import type { Page } from '@playwright/test';
import { expect, openShareLink, test, waitForApp } from './fixtures';
import { openTraining, setSetting, trainingPanel } from './training-helpers';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const SETTINGS: [label: string, value: string][] = [
  ['Samples', '321'],
  ['Noise', '0.27'],
  ['Test split (%)', '25'],
  ['Learning rate', '0.05'],
  ['Momentum', '0.8'],
  ['Weight decay', '0.001'],
  ['Batch size', '16'],
  ['Epochs', '77'],
  ['Target loss', '0.05'],
  ['Update every (steps)', '5'],
  ['Seed', '2024'],
];

async function chooseSettings(page: Page): Promise<void> {
  const panel = await openTraining(page);
  await panel.getByLabel('Dataset', { exact: true }).selectOption('moons');
  await panel.getByLabel('Optimizer', { exact: true }).selectOption('momentum');
  for (const [label, value] of SETTINGS) await setSetting(page, label, value);
}

async function expectSettings(page: Page): Promise<void> {
  const panel = await openTraining(page);
  await expect(panel.getByLabel('Dataset', { exact: true })).toHaveValue('moons');
  await expect(panel.getByLabel('Optimizer', { exact: true })).toHaveValue('momentum');
  for (const [label, value] of SETTINGS) await expect(panel.getByLabel(label, { exact: true }), label).toHaveValue(value);
  // The data the settings describe: 321 moons, a quarter of each class held out.
  // Drawn by the engine worker, which may still be starting in a fresh page.
  await expect(panel.getByTestId('dataset-info')).toHaveText('321 samples: 241 training, 80 test · 2 features · 2 classes', { timeout: 20_000 });
}

test('the training settings survive a reload', async ({ app: page }) => {
  await chooseSettings(page);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await waitForApp(page);
  await expectSettings(page);
});

test('the training settings travel in a share link', async ({ app: page, browser }) => {
  await chooseSettings(page);
  const { url, fresh, problems, close } = await openShareLink(page, browser);
  expect(url).toMatch(/#model=[A-Za-z0-9_-]+$/);
  await expect(fresh.getByRole('status')).toContainText('Opened the shared model');
  await expectSettings(fresh);
  await expect(trainingPanel(fresh).getByTestId('training-status')).toHaveAttribute('data-state', 'idle');
  expect(problems).toEqual([]);
  await close();
});
