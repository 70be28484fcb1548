import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Opens the Training tab of the side panel and returns its panel. */
export async function openTraining(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Training' }).click();
  const panel = trainingPanel(page);
  await expect(panel.getByTestId('training-status')).toBeVisible();
  return panel;
}

export const trainingPanel = (page: Page): Locator => page.getByRole('tabpanel', { name: 'Training' });
export const status = (page: Page): Locator => trainingPanel(page).getByTestId('training-status');

/** Types a value into a training setting and commits it with Enter. */
export async function setSetting(page: Page, label: string, value: string): Promise<void> {
  const field = trainingPanel(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
}

/** Clicks the panel's Train button and waits until training has ended in `state` (or paused, at a breakpoint). */
export async function trainUntil(page: Page, state: 'finished' | 'diverged' | 'paused', timeout = 90_000): Promise<void> {
  await status(page).getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', state, { timeout });
}

/** The run's curve as the panel's CSV download gives it: one object per point. */
export async function downloadCurve(page: Page): Promise<{ text: string; rows: Record<string, number | null>[] }> {
  const download = page.waitForEvent('download');
  await trainingPanel(page).getByRole('button', { name: 'CSV' }).click();
  const text = await readFile((await (await download).path())!, 'utf8');
  const [head, ...lines] = text.trim().split('\n');
  const keys = head.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [keys[i], c === '' ? null : Number(c)])));
  return { text, rows };
}

/** Reads the decision boundary's class map: how many cells are painted and how many distinct colours they use. */
export async function boundaryPixels(page: Page): Promise<{ width: number; painted: number; colours: number }> {
  return trainingPanel(page)
    .getByTestId('decision-boundary')
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<string>();
      let painted = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        painted++;
        // Confident cells only, quantised, so that confidence shading does not count as new colours.
        if (data[i + 3] > 128) seen.add(`${data[i] >> 5},${data[i + 1] >> 5},${data[i + 2] >> 5}`);
      }
      return { width: c.width, painted, colours: seen.size };
    });
}

/** Exports the document as JSON (the Export menu) and returns its text. */
export async function exportJson(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'JSON', exact: true }).click();
  return readFile((await (await download).path())!, 'utf8');
}
