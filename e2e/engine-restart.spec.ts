import type { Page } from '@playwright/test';
import { edges, expect, node, nodes, test, waitForApp } from './fixtures';
import { openTraining, setSetting } from './training-helpers';

/**
 * The engine worker dies (as it does when it runs out of memory): the page says so in a
 * toast, the graph stays as it was, the worker is replaced with the model re-sent, and the
 * run buttons work again. The test ends the real worker and reports its death the way the
 * browser does, with an `error` event on the Worker object; no hook in the app is used.
 */

/** Keeps every engine worker the page makes, so the test can end one. */
async function trackEngineWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Real = window.Worker;
    const engines: Worker[] = [];
    (window as unknown as { __engines: Worker[] }).__engines = engines;
    window.Worker = class extends Real {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (options?.name === 'engine') engines.push(this);
      }
    };
  });
}

const engineCount = (page: Page) => page.evaluate(() => (window as unknown as { __engines: Worker[] }).__engines.length);

/** Ends the current engine worker and reports it as the browser reports a worker that ran out of memory. */
function crashEngine(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = (window as unknown as { __engines: Worker[] }).__engines.at(-1)!;
    w.terminate();
    w.dispatchEvent(new ErrorEvent('error', { message: 'Uncaught RangeError: Array buffer allocation failed' }));
  });
}

const toolbarButton = (page: Page, name: string) => page.locator('.bp-toolbar').getByRole('button', { name, exact: true });

async function graphOf(page: Page) {
  const ids = await nodes(page).evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-id')}: ${e.querySelector('.bp-node__summary')?.textContent ?? ''} ${e.querySelector('.bp-node__shape')?.textContent ?? ''}`),
  );
  return { ids: ids.sort(), edges: await edges(page).count(), name: await page.locator('.bp-doc-title').getByText('Spiral classifier', { exact: true }).count() };
}

test('a crashed engine is restarted with the model: a toast says so, the graph is intact and the run buttons work again', async ({ page, consoleProblems }) => {
  await trackEngineWorkers(page);
  await page.goto('/');
  await waitForApp(page);
  await expect(toolbarButton(page, 'Forward')).toBeEnabled();
  await expect(node(page, 'fc1')).toContainText('Linear 2 → 32');
  const before = await graphOf(page);
  expect(await engineCount(page)).toBe(1);

  // Enough epochs that each run below is still going when the test acts on it, however fast the machine.
  await openTraining(page);
  await setSetting(page, 'Epochs', '100000');

  // Mid-run: training is under way when the worker dies.
  await toolbarButton(page, 'Train').click();
  await expect(toolbarButton(page, 'Pause')).toBeVisible();
  await crashEngine(page);

  const toast = page.getByRole('status').filter({ hasText: 'The engine stopped unexpectedly' });
  await expect(toast).toContainText('The engine stopped unexpectedly (it ran out of memory) and was restarted with your model.', { timeout: 15_000 });
  expect(await engineCount(page)).toBe(2);
  // One crash, one message: the training call it cut short adds none of its own.
  await expect(page.getByText(/stopped unexpectedly/)).toHaveCount(1);
  // The client says on the console why it replaced the worker: expected here, once, and nothing else.
  const stopped = consoleProblems.filter((p) => /the engine worker stopped: Uncaught RangeError: Array buffer allocation failed/.test(p));
  expect(stopped).toHaveLength(1);
  consoleProblems.splice(consoleProblems.indexOf(stopped[0]), 1);

  // The graph is as it was, and the buttons are back.
  expect(await graphOf(page)).toEqual(before);
  await expect(toolbarButton(page, 'Train')).toBeEnabled({ timeout: 15_000 });
  await expect(toolbarButton(page, 'Forward')).toBeEnabled();
  await expect(toolbarButton(page, 'Step')).toBeEnabled();
  // Live mode runs its pass in the new worker: the nodes show figures again without an edit.
  await expect(page.getByTestId('node-stats-fc1')).toContainText('±', { timeout: 15_000 });
  await expect(page.getByTestId('node-grad-fc1')).toBeVisible();
  await page.screenshot({ path: '/tmp/hostile-restart.png' });

  // And they work: a pass in the new worker, then training again.
  await toolbarButton(page, 'Step').click();
  await expect(page.getByText(/Forward 1\/\d+: Linear\(2 → 32\)/).first()).toBeVisible({ timeout: 15_000 });
  await toolbarButton(page, 'Train').click();
  await expect(toolbarButton(page, 'Pause')).toBeVisible({ timeout: 15_000 });
  await toolbarButton(page, 'Pause').click();
  await expect(toolbarButton(page, 'Train')).toBeEnabled({ timeout: 15_000 });
  expect(await engineCount(page)).toBe(2);
  expect((await graphOf(page)).ids).toEqual(before.ids);
});
