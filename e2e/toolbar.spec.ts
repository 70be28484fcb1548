import { expect, test, waitForApp, watchConsole } from './fixtures';

test('the run buttons come alive once the engine worker has the model', async ({ app: page }) => {
  for (const name of ['Forward', 'Backward', 'Step', 'Train', 'Reset weights']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeEnabled();
  }
  await page.getByRole('button', { name: 'Backward', exact: true }).click();
  await expect(page.getByTestId('toast')).toHaveCount(0);
});

test('the theme follows the system, and a choice made with the toggle is remembered', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  const page = await ctx.newPage();
  const problems: string[] = [];
  watchConsole(page, problems);
  await page.goto('/');
  await waitForApp(page);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const bg = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(bg).toBe('rgb(244, 245, 247)');
  await page.reload();
  await waitForApp(page);
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(problems).toEqual([]);
  await ctx.close();
});

test('the Examples menu lists the examples and opens one as an undoable step', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Examples' }).click();
  const menu = page.getByRole('menu', { name: 'Examples' });
  // Eight examples, then the three lessons in their own group at the end.
  await expect(menu.getByRole('menuitem')).toHaveCount(11);
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: /^Vanishing gradients/ })).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: /^Question 1's Linear layer/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.bp-doc-title')).toContainText("Question 1's Linear layer");
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.bp-doc-title')).toContainText('Spiral classifier');
});

test('when the examples cannot be loaded the menu says why, and opening it again tries again', async ({ page, consoleProblems }) => {
  let failing = true;
  await page.route('**/examples/index.json', (route) => (failing ? route.fulfill({ status: 503, body: 'down' }) : route.fallback()));
  await page.goto('/');
  await waitForApp(page);
  const button = page.getByRole('button', { name: 'Examples' });
  const menu = page.getByRole('menu', { name: 'Examples' });
  await button.click();
  await expect(menu).toContainText(/Examples could not be loaded: .*examples\/index\.json: 503.*Open the menu again to retry\./);
  await expect(menu.getByRole('menuitem')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('examples-failed.png') });
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  failing = false;
  await button.click();
  await expect(menu.getByRole('menuitem')).toHaveCount(11);
  await menu.getByRole('menuitem', { name: /^Question 1's Linear layer/ }).click();
  await expect(page.locator('.bp-doc-title')).toContainText("Question 1's Linear layer");
  // The refused requests are the only console problems.
  const refused = consoleProblems.filter((p) => /503/.test(p));
  expect(refused.length).toBeGreaterThan(0);
  for (const p of refused) consoleProblems.splice(consoleProblems.indexOf(p), 1);
});
