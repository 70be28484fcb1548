import type { Page } from '@playwright/test';
import { expect, node, test, waitForApp, watchConsole } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const side = (page: Page) => page.locator('.bp-side');
const presenter = (page: Page) => page.getByTestId('lesson-presenter');

async function openLessonTab(page: Page) {
  await side(page).getByRole('tab', { name: 'Lesson' }).click();
}

test('an author writes a two-step lesson; its link opens it for a learner in a fresh browser, walked with the keyboard, its locks holding', async ({ app: page, browser }) => {
  await openLessonTab(page);
  await page.getByRole('button', { name: 'Create a lesson' }).click();
  const title = side(page).getByLabel('Title', { exact: true });
  await title.fill('The first layer');
  await title.press('Enter');
  const stepTitle = side(page).getByLabel('Step title');
  await stepTitle.fill('Meet fc1');
  await stepTitle.press('Enter');
  const text = side(page).getByLabel('Text', { exact: true });
  await text.fill('**fc1** maps x ∈ ℝ² to 32 features.\n\n- its Jacobian is block-diagonal\n- see [the docs](https://pytorch.org/docs/stable/generated/torch.nn.Linear.html)\n\n[bad](javascript:alert(1))');
  await text.blur();
  // The reader refuses links that are not http(s), so the editor keeps such text unsaved and says why.
  await expect(side(page).getByText('Links may only go to http:// or https:// addresses, not "javascript:alert(1)"')).toBeVisible();
  await text.fill('**fc1** maps x ∈ ℝ² to 32 features.\n\n- its Jacobian is block-diagonal\n- see [the docs](https://pytorch.org/docs/stable/generated/torch.nn.Linear.html)\n\n<b>not bold</b>');
  await text.blur();
  await node(page, 'fc1').click();
  await openLessonTab(page);
  await side(page).getByRole('button', { name: 'Use the canvas selection' }).click();
  await expect(side(page).getByText('Nodes: fc1', { exact: true })).toBeVisible();

  // Locks for the whole lesson: the palette, the file group and the training settings.
  await side(page).getByText('Controls for the whole lesson').click();
  const whole = side(page).locator('details').last();
  await whole.getByLabel('Node palette').selectOption('lock');
  await whole.getByLabel('Toolbar: file and sharing').selectOption('lock');
  await whole.getByLabel('Training settings').selectOption('lock');
  await whole.getByLabel('Editing the graph').selectOption('lock');

  await side(page).getByRole('button', { name: 'Add a step after step 1' }).click();
  const step2 = side(page).getByLabel('Step title');
  await expect(step2).toHaveValue('Step 2');
  await step2.fill('A forward pass');
  await step2.press('Enter');
  await side(page).getByLabel('Runs').selectOption('forward');
  await side(page).getByLabel('Bottom panel', { exact: true }).selectOption('backprop');
  const height = side(page).getByLabel('Bottom panel height (px)');
  await height.fill('90');
  await height.press('Enter');
  await expect(side(page).getByText('Empty, or a whole number from 120 to 640.')).toBeVisible();
  await height.fill('420');
  await height.press('Enter');
  // The step shows another built-in model: the deep ReLU network.
  await side(page).getByLabel('Model shown').selectOption({ label: 'Deep ReLU network' });
  await side(page).getByLabel('Model shown').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/lessons-step-fields.png' });
  await expect(side(page).getByRole('list', { name: 'Steps' }).getByRole('listitem')).toHaveCount(2);

  // Every edit is one undo step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(side(page).getByLabel('Model shown')).toHaveValue('');
  await expect(side(page).getByLabel('Bottom panel height (px)')).toHaveValue('420');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(side(page).getByLabel('Bottom panel height (px)')).toHaveValue('');
  await expect(side(page).getByLabel('Bottom panel', { exact: true })).toHaveValue('backprop');
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(side(page).getByLabel('Model shown')).toHaveValue('deep-relu.json');
  await expect(side(page).getByLabel('Bottom panel height (px)')).toHaveValue('420');

  await side(page).getByRole('button', { name: 'Copy lesson link' }).click();
  await expect(page.getByRole('status')).toContainText('Lesson link copied');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(/#model=[A-Za-z0-9_-]+&present$/);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const learner = await context.newPage();
  const problems: string[] = [];
  watchConsole(learner, problems);
  await learner.goto(url);
  await waitForApp(learner);
  const card = presenter(learner);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Step 1 of 2');
  await expect(card.getByRole('heading', { name: 'Meet fc1' })).toBeVisible();
  await expect(card.locator('strong')).toHaveText('fc1');
  const link = card.getByRole('link', { name: 'the docs' });
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(link).toHaveAttribute('target', '_blank');
  // HTML in the text is text.
  await expect(card).toContainText('<b>not bold</b>');
  await expect(card.locator('b')).toHaveCount(0);
  await expect(node(learner, 'fc1').locator('.bp-node')).toHaveAttribute('data-lesson-highlight', 'true');
  await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');

  // Locked means disabled, not just greyed.
  const palette = learner.getByRole('navigation', { name: 'Node palette' });
  await expect(palette.getByRole('button', { name: 'Linear', exact: true })).toBeDisabled();
  await expect(learner.getByRole('button', { name: 'Import' })).toBeDisabled();
  await expect(learner.getByRole('button', { name: 'Examples' })).toBeDisabled();
  await expect(learner.getByRole('button', { name: 'Share link' })).toBeDisabled();
  await expect(side(learner).getByRole('tab', { name: 'Lesson' })).toHaveCount(0);
  await side(learner).getByRole('tab', { name: 'Training' }).click();
  await expect(side(learner).getByLabel('Learning rate')).toBeDisabled();
  // Nodes do not move (a drag on one pans the view: fc2 keeps its place beside fc1).
  const offset = async () => {
    const [a, b] = [await node(learner, 'fc1').boundingBox(), await node(learner, 'fc2').boundingBox()];
    return { dx: Math.round(b!.x - a!.x), dy: Math.round(b!.y - a!.y) };
  };
  const before = await offset();
  const box = (await node(learner, 'fc2').boundingBox())!;
  await learner.mouse.move(box.x + box.width / 2, box.y + 10);
  await learner.mouse.down();
  await learner.mouse.move(box.x + 200, box.y + 150, { steps: 5 });
  await learner.mouse.up();
  expect(await offset()).toEqual(before);

  // The keyboard walks the lesson; Escape does not leave it.
  await card.getByRole('heading').click();
  await learner.keyboard.press('ArrowRight');
  await expect(card).toContainText('Step 2 of 2');
  await expect(card.getByRole('heading', { name: 'A forward pass' })).toBeVisible();
  await expect(learner.getByRole('tab', { name: 'Backprop', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(learner.locator('.bp-doc-title')).toContainText('Deep ReLU network');
  expect(Math.round((await learner.locator('.bp-bottom').boundingBox())!.height)).toBe(420);
  await expect(node(learner, 'fc1').locator('.bp-node')).not.toHaveAttribute('data-lesson-highlight', 'true');
  await expect(card.getByRole('button', { name: 'Next →' })).toBeDisabled();
  await learner.keyboard.press('Escape');
  await expect(card).toBeVisible();
  await learner.keyboard.press('ArrowLeft');
  await expect(card).toContainText('Step 1 of 2');
  await expect(learner.locator('.bp-doc-title')).toContainText('Spiral classifier');
  await expect(node(learner, 'fc1').locator('.bp-node')).toHaveAttribute('data-lesson-highlight', 'true');
  await learner.screenshot({ path: '/tmp/lessons-learner.png' });

  // A reload opens the lesson again, locks included.
  await learner.reload();
  await waitForApp(learner);
  await expect(presenter(learner)).toContainText('Step 1 of 2');
  await expect(learner.getByRole('button', { name: 'Import' })).toBeDisabled();
  expect(problems).toEqual([]);
  await context.close();
  await page.screenshot({ path: '/tmp/lessons-author.png' });
});
