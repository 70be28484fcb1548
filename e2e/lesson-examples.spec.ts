import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, node, test, waitForApp } from './fixtures';

/**
 * The built-in lessons, each opened from its link, walked step by step with the keyboard in
 * the light and the dark theme: every step's heading, highlights, panel and pass are checked
 * against the lesson's own file, and every step is photographed (/tmp/lesson-<file>-<n>-<theme>.png).
 */

interface Step {
  title: string;
  example?: string;
  highlight?: { nodes: string[]; edges: string[] };
  open?: { side?: string; bottom?: string };
  run?: { kind: string; to?: number };
}
interface LessonFile {
  nodes: { id: string; type: string }[];
  lesson: { title: string; steps: Step[] };
}

const TAB_LABELS: Record<string, string> = {
  messages: 'Messages',
  backprop: 'Backprop',
  gradcheck: 'Gradient check',
  gradnorms: 'Gradient norms',
  curves: 'Curves',
  inspector: 'Inspector',
  training: 'Training',
};

function lessonFile(file: string): LessonFile {
  return JSON.parse(readFileSync(new URL(`../public/examples/${file}`, import.meta.url), 'utf8')) as LessonFile;
}

const presenter = (page: Page) => page.getByTestId('lesson-presenter');

/** Checks what step `i` of `lesson` shows once it has been carried out. */
async function checkStep(page: Page, doc: LessonFile, i: number) {
  const step = doc.lesson.steps[i];
  const card = presenter(page);
  await expect(card).toHaveAttribute('data-step', String(i + 1));
  await expect(card.getByRole('heading', { name: step.title, exact: true })).toBeVisible();
  await expect(card).toContainText(`Step ${i + 1} of ${doc.lesson.steps.length}`);
  const lit = new Set(step.highlight?.nodes ?? []);
  // A step may show another built-in example: its graph is the one on the canvas.
  const graph = step.example ? lessonFile(step.example) : doc;
  await expect(page.locator('.react-flow__node')).toHaveCount(graph.nodes.length);
  for (const n of graph.nodes) {
    const mark = node(page, n.id).locator('.bp-node');
    if (lit.has(n.id)) await expect(mark).toHaveAttribute('data-lesson-highlight', 'true');
    else await expect(mark).not.toHaveAttribute('data-lesson-highlight', 'true');
  }
  for (const e of step.highlight?.edges ?? []) {
    await expect(page.getByTestId(`edge-path-${e}`)).toHaveClass(/bp-edge--lesson/);
    // A straight edge's path has an empty box, which Playwright counts as hidden: its band's width is checked instead.
    await expect(page.getByTestId(`edge-halo-${e}`)).toHaveCSS('stroke-width', '14px');
  }
  await expect(page.locator('.bp-edge-lesson-halo')).toHaveCount((step.highlight?.edges ?? []).length);
  if (step.open?.bottom) await expect(page.locator('.bp-bottom').getByRole('tab', { name: TAB_LABELS[step.open.bottom], exact: true })).toHaveAttribute('aria-selected', 'true');
  if (step.open?.side) await expect(page.locator('.bp-side').getByRole('tab', { name: TAB_LABELS[step.open.side], exact: true })).toHaveAttribute('aria-selected', 'true');
  if (step.run?.kind === 'stepped') await expect(page.locator('.bp-stepbar__count')).toHaveText(new RegExp(`^${step.run.to}/\\d+$`), { timeout: 15_000 });
  // Training runs to the end of its settings: every point of the gradient norms' history is drawn.
  if (step.run?.kind === 'train') await expect(page.getByTestId('gradnorm-tab')).toHaveAttribute('data-points', '300', { timeout: 60_000 });
  // The text fits its column: nothing is cut off sideways.
  const overflow = await card.evaluate((el) => [...el.querySelectorAll('.bp-lesson-text *')].filter((c) => c.scrollWidth > c.clientWidth + 1).length);
  expect(overflow).toBe(0);
}

async function walk(page: Page, file: string, theme: 'light' | 'dark', onStep?: (i: number) => Promise<void>) {
  const doc = lessonFile(file);
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(`/#example=${file}&present`);
  await waitForApp(page);
  await expect(presenter(page)).toContainText(`Lesson · ${doc.lesson.title}`);
  for (let i = 0; i < doc.lesson.steps.length; i++) {
    if (i > 0) {
      await presenter(page).getByRole('heading').click();
      await page.keyboard.press('ArrowRight');
    }
    await checkStep(page, doc, i);
    await onStep?.(i);
    // Let the pulses and the figures settle before the photograph.
    await page.waitForTimeout(700);
    await page.screenshot({ path: `/tmp/lesson-${file.replace('.json', '')}-${i + 1}-${theme}.png` });
  }
  await expect(presenter(page).getByRole('button', { name: 'Next →' })).toBeDisabled();
  // Back with the keyboard brings the previous step, its pass again included.
  await page.keyboard.press('ArrowLeft');
  await checkStep(page, doc, doc.lesson.steps.length - 2);
}

test.describe('built-in lessons', () => {
  test.describe.configure({ timeout: 120_000 });

  test('the Examples menu lists the lessons under their own heading and opens one presenting', async ({ app: page }) => {
    await page.getByRole('button', { name: 'Examples' }).click();
    const menu = page.getByRole('menu', { name: 'Examples' });
    await expect(menu.locator('.bp-menu__heading')).toHaveText('Lessons');
    // Every lesson comes after the heading, every plain example before it.
    const order = await menu.locator('.bp-menu__heading, [role="menuitem"]').evaluateAll((els) => els.map((e) => (e.getAttribute('role') === 'menuitem' ? e.getAttribute('aria-label') : '—')));
    expect(order.slice(order.indexOf('—') + 1)).toEqual(['The chain rule on the homework MLP', "Question 1: the Linear layer's Jacobian", 'Vanishing gradients']);
    await menu.getByRole('menuitem', { name: 'The chain rule on the homework MLP' }).click();
    await expect(presenter(page)).toContainText('Step 1 of 7');
    await expect(page.locator('.bp-stepbar__count')).toHaveText('8/16', { timeout: 15_000 });
    await page.keyboard.press('Escape');
    await expect(presenter(page)).toHaveCount(0);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`The chain rule on the homework MLP, every step (${theme})`, async ({ page }) => {
      await walk(page, 'lesson-chain-rule.json', theme, async (i) => {
        // The VJP panel shows the layer the pass stopped at.
        if (i >= 1 && i <= 5) await expect(page.getByTestId('vjp-panel')).toBeVisible();
      });
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    test(`Question 1: the Linear layer's Jacobian, every step (${theme})`, async ({ page }) => {
      await walk(page, 'lesson-question-1.json', theme, async (i) => {
        if (i === 2 || i === 3) await expect(page.getByTestId('vjp-panel')).toBeVisible();
        // The steps that send the learner to the edge's Jacobian: it opens over the lesson, and Escape closes it, not the lesson.
        if (i === 1 || i === 4) {
          await page.getByTestId('edge-jacobian-e1').getByRole('button').click();
          const dialog = page.getByTestId('jacobian-dialog');
          if (i === 1) {
            await expect(dialog).toContainText('Shape (64, 512, 64, 1024)');
            await expect(dialog).toContainText('2,147,483,648 entries');
          } else {
            await dialog.getByRole('button', { name: '∂Y/∂W' }).click();
            await expect(dialog).toContainText('Shape (64, 512, 512, 1024)');
            await expect(dialog).toContainText('row-blocks');
          }
          await page.waitForTimeout(300);
          await page.screenshot({ path: `/tmp/lesson-lesson-question-1-${i + 1}-dialog-${theme}.png` });
          await page.keyboard.press('Escape');
          await expect(dialog).toHaveCount(0);
          await expect(presenter(page)).toHaveAttribute('data-step', String(i + 1));
        }
      });
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    test(`Vanishing gradients, every step (${theme})`, async ({ page }) => {
      test.setTimeout(240_000);
      await walk(page, 'lesson-vanishing-gradients.json', theme, async (i) => {
        // The legend's verdict, as the lesson quotes it.
        if (i === 0) await expect(page.getByText('vanishing: ×0.091 per layer with weights')).toBeVisible();
        if (i === 3) await expect(page.getByText('healthy: ×0.83 per layer with weights')).toBeVisible();
        if (i === 1 || i === 4) await expect(page.getByTestId('vjp-panel')).toBeVisible();
      });
    });
  }

  test('a lesson embedded in another page presents inside its <iframe> and walks with the keyboard', async ({ page, baseURL }) => {
    // The embed code the Lesson panel gives, in a page of its own (another origin than the app's).
    await page.setContent(`<!doctype html><title>Course page</title><h1>Week 3</h1><iframe src="${baseURL}/#example=lesson-chain-rule.json&present" title="The chain rule" width="1200" height="760" style="border:0"></iframe>`);
    const frame = page.frameLocator('iframe[title="The chain rule"]');
    await expect(frame.locator('.bp-app')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    const card = frame.getByTestId('lesson-presenter');
    await expect(card).toContainText('Step 1 of 7');
    await expect(frame.locator('.bp-stepbar__count')).toHaveText('8/16', { timeout: 15_000 });
    // The app fits the frame: nothing to scroll sideways, the toolbar's buttons as icons with their names.
    const overflow = await frame.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(frame.getByRole('button', { name: 'Backward', exact: true })).toBeVisible();
    // A learner's embed has no Exit, and the lesson's locks hold.
    await expect(card.getByRole('button', { name: 'Exit' })).toHaveCount(0);
    await card.getByRole('heading').click();
    await page.keyboard.press('ArrowRight');
    await expect(card).toHaveAttribute('data-step', '2');
    await expect(card.getByRole('heading', { name: 'The loss: where g starts' })).toBeVisible();
    await expect(frame.locator('.react-flow__node[data-id="loss"] .bp-node')).toHaveAttribute('data-lesson-highlight', 'true');
    await expect(frame.locator('.bp-stepbar__count')).toHaveText('9/16', { timeout: 15_000 });
    await expect(frame.getByTestId('vjp-panel')).toBeVisible();
    await card.getByRole('button', { name: 'Next →' }).click();
    await expect(card).toHaveAttribute('data-step', '3');
    await page.waitForTimeout(500);
    await page.screenshot({ path: '/tmp/lesson-iframe.png' });
  });
});
