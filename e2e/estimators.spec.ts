import { expect, test } from './fixtures';
import { openTraining, setSetting, status, trainingPanel } from './training-helpers';

test('Is backprop required? backprop and the forward gradient trained side by side on the spiral, with the answer from the run', async ({ app: page }, info) => {
  test.slow();
  await page.getByRole('tab', { name: 'Backprop required?' }).click();
  // A taller bottom panel, to see the curves and the answer together.
  const resizer = page.getByRole('separator', { name: 'Resize the output panel' }).first();
  await resizer.focus();
  for (let i = 0; i < 4; i++) await resizer.press('PageUp');
  const tab = page.getByTestId('compare-tab');
  await expect(tab.getByRole('checkbox', { name: 'Backpropagation' })).toBeChecked();
  await expect(tab.getByRole('checkbox', { name: 'Forward gradient' })).toBeChecked();
  await expect(tab.getByRole('checkbox', { name: 'Finite differences' })).not.toBeChecked();
  await expect(tab.getByLabel('Target loss', { exact: true })).toHaveValue('0.5');

  await tab.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(tab.getByTestId('compare-status')).toHaveAttribute('data-status', 'running');
  await expect(tab.getByTestId('compare-status')).toHaveAttribute('data-status', 'done', { timeout: 150_000 });

  // Both curves on the loss chart, the forward gradient's cosine on the diagnostic chart.
  const lossLines = tab.getByTestId('compare-loss-chart').locator('path.bpv-chart-line');
  await expect(lossLines).toHaveCount(2);
  for (const line of await lossLines.all()) await expect(line).toHaveAttribute('d', /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){20,}/);
  await expect(tab.getByTestId('compare-cosine-chart').locator('path.bpv-chart-line')).toHaveCount(1);

  // The answer, with this run's counted costs: 3 forward-pass equivalents a step for backprop, 2 for the forward gradient.
  const answer = tab.getByTestId('compare-answer');
  await expect(answer.getByRole('heading', { name: 'Is backprop required?' })).toBeVisible();
  const rows = answer.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('th')).toHaveText('Backprop');
  await expect(rows.nth(0).locator('td').nth(0)).toHaveText('3');
  await expect(rows.nth(1).locator('th')).toHaveText('Forward gradient');
  await expect(rows.nth(1).locator('td').nth(0)).toHaveText('2');
  await expect(rows.nth(0).locator('td').nth(3)).toContainText(/^step \d+/);
  await expect(answer).toContainText('One step for this model’s 1,251 parameters costs');
  const headline = await answer.locator('.bp-compare__headline').textContent();
  info.annotations.push({ type: 'answer', description: `${headline} | ${(await rows.allTextContents()).join(' | ')}` });
  await page.screenshot({ path: info.outputPath('compare-steps.png') });

  // The same curves against counted forward passes, then wall time.
  for (const [label, axis] of [['Forward passes', 'cost'], ['Time', 'ms']] as const) {
    await tab.getByRole('group', { name: 'x-axis' }).getByRole('button', { name: label }).click();
    await expect(tab.getByTestId('compare-loss-chart')).toHaveAttribute('data-axis', axis);
    await expect(tab.getByTestId('compare-loss-chart').locator('path.bpv-chart-line')).toHaveCount(2);
  }
  await page.screenshot({ path: info.outputPath('compare-time.png') });
});

test('the Training panel trains with the gradient estimator it is set to, stating its cost per step', async ({ app: page }) => {
  test.slow();
  const panel = await openTraining(page);
  const choice = panel.getByLabel('Gradient from');
  await expect(choice).toHaveValue('backprop');
  await choice.selectOption('forward-gradient');
  await expect(panel.getByTestId('estimator-description')).toContainText('1 forward + 1 JVP = 2 forward-pass equivalents per step.');
  await expect(panel.getByLabel('Directions per step', { exact: true })).toHaveValue('1');
  await choice.selectOption('finite-differences');
  await expect(panel.getByTestId('estimator-description')).toContainText('2P + 1 = 2,503 forward passes per step (P = 1,251).');
  await choice.selectOption('spsa');
  const epochs = trainingPanel(page).getByLabel('Epochs', { exact: true });
  await epochs.fill('3');
  await epochs.press('Enter');
  await status(page).getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished', { timeout: 60_000 });
  await expect(panel.getByTestId('training-end')).toHaveText('Finished 3 epochs (36 steps).');
  // Undo brings backprop back: the choice is one step of the document's history.
  await expect(choice).toHaveValue('spsa');
});

test('one forward-gradient step, stepped through: the tangent layer by layer, ∇L·v checked against backprop, and the estimate', async ({ app: page }, info) => {
  await page.getByRole('tab', { name: 'Backprop required?' }).click();
  const resizer = page.getByRole('separator', { name: 'Resize the output panel' }).first();
  await resizer.focus();
  for (let i = 0; i < 4; i++) await resizer.press('PageUp');
  const step = page.getByTestId('fg-step');
  await step.getByRole('button', { name: 'Draw v' }).click();
  await expect(step).toContainText('over all 1,251 parameters');
  const chain = step.getByTestId('fg-step-chain').locator('li');
  await expect(chain).toHaveCount(0);
  await step.getByRole('button', { name: 'Next ›' }).click();
  await expect(chain).toHaveCount(1);
  await expect(chain.first()).toContainText('Linear(2 → 32)');
  await expect(chain.first()).toContainText('adds Jθ·vθ');
  await step.getByRole('button', { name: 'All' }).click();
  await expect(chain).toHaveCount(6);
  const result = step.getByTestId('fg-step-result');
  await expect(result).toContainText('∇L·v =');
  // The JVP's scalar and backprop's ∇L·v agree to float32 precision.
  const text = (await result.textContent())!;
  // Figures are written with a true minus sign.
  const figure = (r: RegExp) => Number(text.match(r)![1].replace(/−/g, '-'));
  const [byJvp, byBackprop] = [/∇L·v = ([−\d][\d.e+−-]*\d)/, /dotted with v \(a check, not part of the step\): ([−\d][\d.e+−-]*\d)/].map(figure);
  expect(Math.abs(byJvp - byBackprop)).toBeLessThanOrEqual(0.01 * Math.abs(byBackprop) + 1e-6);
  info.annotations.push({ type: 'forward-gradient step', description: text });
  await page.screenshot({ path: info.outputPath('fg-step.png') });
});

test('while a comparison runs, Train is off with the reason on hover, and while training runs, Compare is; the dense cosine reads as a band round its mean', async ({ app: page }, info) => {
  test.slow();
  await page.getByRole('tab', { name: 'Backprop required?' }).click();
  const resizer = page.getByRole('separator', { name: 'Resize the output panel' }).first();
  await resizer.focus();
  for (let i = 0; i < 4; i++) await resizer.press('PageUp');
  const tab = page.getByTestId('compare-tab');
  await tab.getByRole('checkbox', { name: 'SPSA' }).check();
  // Each estimator runs for 4 s (the steps are not the limit): long enough to try Train meanwhile.
  const steps = tab.getByLabel('Steps each', { exact: true });
  await steps.fill('100000');
  await steps.press('Enter');
  const time = tab.getByLabel('Time budget each (s)', { exact: true });
  await time.fill('4');
  await time.press('Enter');
  const panel = await openTraining(page);
  const train = status(page).getByRole('button', { name: 'Train', exact: true });
  const toolbarTrain = page.getByRole('group', { name: 'Run' }).getByRole('button', { name: 'Train', exact: true });
  await expect(train).not.toHaveAttribute('aria-disabled', 'true');

  await tab.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(tab.getByTestId('compare-status')).toHaveAttribute('data-status', 'running');
  for (const button of [train, toolbarTrain]) {
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveAttribute('title', /comparison of gradient estimators is running in the Backprop required\? tab/);
  }
  // A click does nothing (forced: Playwright would otherwise wait for the button to be enabled).
  await train.click({ force: true });
  await expect(status(page)).not.toHaveAttribute('data-state', 'running');
  await expect(tab.getByTestId('compare-status')).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  await expect(train).not.toHaveAttribute('aria-disabled', 'true');

  // Hundreds of noisy cosines a curve: each step faint, the mean of the last 20 as the line.
  const cosine = tab.getByTestId('compare-cosine-chart');
  await expect(cosine.locator('path.bpv-chart-line')).toHaveCount(2);
  await expect(cosine.locator('path.bpv-chart-faint')).toHaveCount(2);
  await cosine.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('compare-cosine.png') });
  await page.screenshot({ path: '/tmp/custom-cosine.png' });

  // And the other way round: training under way holds the comparison back, saying why. Enough epochs
  // that the run is still going when Stop is clicked, however fast the machine.
  await setSetting(page, 'Epochs', '1000000');
  await train.click();
  await expect(status(page)).toHaveAttribute('data-state', 'running');
  const compare = tab.getByRole('button', { name: 'Compare', exact: true });
  await expect(compare).toBeDisabled();
  await expect(compare).toHaveAttribute('title', /Training is under way in the Training panel/);
  await panel.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(compare).toBeEnabled();
});
