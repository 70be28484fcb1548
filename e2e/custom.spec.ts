import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { connect, expect, importDocument, node, test, waitForApp } from './fixtures';
import { openTraining, trainUntil } from './training-helpers';
import { CODE_TEMPLATES } from '../src/model/kinds/custom-templates';

/** Input(2) → Linear(16) and Linear(3) → cross-entropy on the spiral; a Custom node goes between. */
function spiralDoc(custom?: string) {
  const nodes = [
    { id: 'x', type: 'Input', params: { features: 2 }, position: { x: 0, y: 0 } },
    { id: 'fc1', type: 'Linear', params: { out_features: 16 }, position: { x: 220, y: 0 } },
    ...(custom === undefined ? [] : [{ id: 'custom1', type: 'Custom', params: {}, position: { x: 440, y: 0 }, code: custom }]),
    { id: 'fc2', type: 'Linear', params: { out_features: 3 }, position: { x: 660, y: 0 } },
    { id: 'loss', type: 'CrossEntropyLoss', params: {}, position: { x: 880, y: 0 } },
  ];
  const chain = nodes.map((n) => n.id);
  const pairs = custom === undefined ? [['x', 'fc1'], ['fc2', 'loss']] : chain.slice(1).map((id, i) => [chain[i], id]);
  return {
    format: 'backprop-studio/model',
    version: 2,
    name: 'Custom layer',
    seed: 3,
    nodes,
    edges: pairs.map(([source, target], i) => ({ id: `e${i + 1}`, source, target })),
    training: { dataset: { kind: 'spiral', samples: 300, classes: 3, noise: 0.1 }, epochs: 60, batch_size: 32 },
  };
}

const SILU = (backward: string) => `// SiLU: y = x · σ(x)
export default class SiLU extends Layer {
  forward(x) {
    this.x = x;
    this.s = x.sigmoid();
    return x.mul(this.s);
  }

  backward(dout) {
    const { x, s } = this;
    return ${backward};
  }
}
`;
// σ(x)·(1 + x·σ(x)): the sign of the second σ is wrong (it should be 1 − σ(x)).
const BUGGY = SILU('dout.mul(s.mul(x.mul(s).add(1)))');
const FIXED = SILU('dout.mul(s.mul(x.mul(s.neg().add(1)).add(1)))');

const dialog = (page: Page) => page.getByRole('dialog', { name: /Code of/ });
const report = (page: Page) => dialog(page).getByRole('region', { name: 'Check of the code' });

/** Replaces the editor's text as typing would (one input event). */
async function writeCode(page: Page, code: string) {
  const editor = dialog(page).locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(code);
}

test('a Custom node from the palette: a SiLU with a bug in backward fails the check where it is wrong, passes once fixed, and trains on the spiral', async ({ app: page }) => {
  test.setTimeout(240_000);
  await importDocument(page, spiralDoc());
  await expect(node(page, 'fc2')).toBeVisible();
  // The code editor is not part of the first load.
  const before = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(before.some((n) => /CodeDialog/.test(n))).toBe(false);

  // The palette adds after the selected node: make sure fc1 is selected (a click can be lost on a loaded machine).
  await expect(async () => {
    await node(page, 'fc1').click();
    await expect(node(page, 'fc1')).toHaveClass(/selected/, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('navigation', { name: 'Node palette' }).getByRole('button', { name: 'Custom', exact: true }).click();
  await expect(node(page, 'custom1')).toBeVisible();
  await connect(page, 'custom1', 'fc2');
  await node(page, 'custom1').click();
  await page.getByRole('button', { name: 'Edit code' }).click();
  await expect(dialog(page).locator('.cm-content')).toBeVisible();
  // The template it starts from passes.
  await expect(report(page).getByRole('status')).toHaveText('Gradients match finite differences', { timeout: 20_000 });

  await writeCode(page, BUGGY);
  await expect(report(page).getByRole('status')).toHaveText('Gradients do not match finite differences', { timeout: 20_000 });
  const lines = report(page).getByRole('list', { name: 'Gradient differences' });
  await expect(lines.locator(':scope > li').first()).toContainText(/input\s+diff=0\.\d{3}\s*wrong/);
  await expect(report(page).getByRole('list', { name: 'Worst entries of input' }).locator('li').first()).toContainText(/dL\/dx\[\d, \d\]: backward -?[\d.]+, finite differences -?[\d.]+/);
  // The backward method is underlined in the code, with the diff in its message.
  await expect(dialog(page).locator('.cm-lintRange-warning')).toHaveCount(1);
  await expect(dialog(page).locator('.cm-line', { has: page.locator('.cm-lintRange-warning') })).toContainText('backward(dout)');
  await page.screenshot({ path: '/tmp/custom-buggy.png' });

  await writeCode(page, FIXED);
  await expect(report(page).getByRole('status')).toHaveText('Gradients match finite differences', { timeout: 20_000 });
  await expect(lines.locator(':scope > li').first()).toContainText(/input\s+diff=0\.000\s*ok/);
  await expect(report(page)).toContainText('diagonal: each output depends only on the input at the same place');
  await expect(report(page)).toContainText('derives it numerically');
  await expect(dialog(page).locator('.cm-lintRange-warning')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/custom-fixed.png' });
  await dialog(page).getByRole('button', { name: 'Done' }).click();

  await openTraining(page);
  await trainUntil(page, 'finished', 120_000);
  await expect(page.getByTestId('training-status')).toContainText(/accuracy/i);
  await page.screenshot({ path: '/tmp/custom-trained.png' });
});

/** A share link to the spiral model with this code in its Custom node. */
function shareHash(code: string): string {
  return `#model=${deflateRawSync(Buffer.from(JSON.stringify(spiralDoc(code)))).toString('base64url')}`;
}

const hostile = (body: string) => `export default class Hostile extends Layer {
  forward(x) {
    ${body}
    return x;
  }
  backward(dout) { return dout; }
}
`;

/** Opens the link: the code is shown, not run; Run code runs it. */
async function openAndRun(page: Page, code: string) {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`/${shareHash(code)}`);
  await waitForApp(page);
  await expect(node(page, 'custom1')).toBeVisible();
  await node(page, 'custom1').click();
  const inspector = page.getByRole('region', { name: 'Code' });
  await expect(inspector).toContainText('not run: it came with the document');
  await expect(page.getByText(/code is not running: open the node to review it/).first()).toBeVisible();
  await inspector.getByRole('button', { name: 'Run code' }).click();
  return requests;
}

const AFFINE = CODE_TEMPLATES.find((t) => t.id === 'affine')!.code;

test('a Custom node counts the parameters its code declares, once the code runs: on the canvas, in the Inspector and in the total', async ({ page }) => {
  test.setTimeout(90_000);
  // The template is the app's own code, so it runs without asking.
  await page.goto(`/${shareHash(AFFINE)}`);
  await waitForApp(page);
  await node(page, 'custom1').click();
  // Linear 2 → 16 (48), the affine 16 → 16 (16·16 + 16 = 272), Linear 16 → 3 (51).
  await expect(node(page, 'custom1')).toContainText('272 params', { timeout: 20_000 });
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByText('Trainable', { exact: true }).locator('xpath=following-sibling::dd[1]')).toHaveText('272 params');
  await page.screenshot({ path: '/tmp/custom-params.png' });
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 400 } });
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByText('Trainable', { exact: true }).locator('xpath=following-sibling::dd[1]')).toHaveText('371 params');
});

test('a model with a Custom layer compares like any other (forward mode through its numerically derived JVP); code not yet run is not compared, and the tab says why', async ({ page }) => {
  test.setTimeout(180_000);
  // The SiLU template (the app's own code, so it runs) has no jvp.
  await page.goto(`/${shareHash(CODE_TEMPLATES.find((t) => t.id === 'silu')!.code)}`);
  await waitForApp(page);
  await expect(node(page, 'custom1')).toBeVisible();
  await page.getByRole('tab', { name: 'Backprop required?' }).click();
  const tab = page.getByTestId('compare-tab');
  await expect(tab.getByTestId('compare-code-note')).toContainText(/Custom 'custom1': .*forward mode and the forward gradient use a JVP derived from its forward by central differences/);
  await tab.getByRole('checkbox', { name: 'Forward gradient' }).uncheck();
  await tab.getByRole('checkbox', { name: 'Forward mode (exact)' }).check();
  const steps = tab.getByLabel('Steps each', { exact: true });
  await steps.fill('40');
  await steps.press('Enter');
  await tab.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(tab.getByTestId('compare-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(tab.getByTestId('compare-loss-chart').locator('path.bpv-chart-line')).toHaveCount(2);
  await expect(tab.getByTestId('compare-answer')).toContainText('Forward mode');
  await page.screenshot({ path: '/tmp/custom-compare.png' });

  // Code that came with a link and was not run: nothing to compare, and the reason is on the tab.
  await page.goto('about:blank');
  await page.goto(`/${shareHash(hostile(''))}`);
  await waitForApp(page);
  await page.getByRole('tab', { name: 'Backprop required?' }).click();
  await expect(tab.getByTestId('compare-code-note')).toContainText(/Cannot compare: Custom 'custom1': its code is not running/);
  await expect(tab.getByRole('button', { name: 'Compare', exact: true })).toBeDisabled();
});

test.describe.configure({ timeout: 90_000 });
test.describe('hostile share links: custom code is held until Run code, and then contained', () => {
  test('code that reaches for fetch finds none, even through the global object', async ({ page }) => {
    const requests = await openAndRun(page, hostile("const g = (() => {}).constructor('return this')(); g.fetch('/steal?' + x.get(0, 0));"));
    await expect(page.getByText(/Hostile\.forward: EvalError: compiling code from a string is not available in the engine worker/).first()).toBeVisible({ timeout: 20_000 });
    expect(requests.filter((u) => u.includes('/steal'))).toEqual([]);
  });

  test('an infinite loop is stopped, the engine restarted, the code stopped, and the app keeps working', async ({ page, consoleProblems }) => {
    test.setTimeout(240_000);
    await openAndRun(page, hostile('for (;;) {}'));
    await expect(page.getByText(/The engine was restarted because custom layer code ran past its 5 s time budget/)).toBeVisible({ timeout: 60_000 });
    // The client says on the console why it replaced the worker: expected here, and nothing else.
    const stopped = consoleProblems.filter((p) => /the engine worker stopped: custom layer code ran past its 5 s time budget/.test(p));
    expect(stopped).toHaveLength(1);
    consoleProblems.splice(consoleProblems.indexOf(stopped[0]), 1);
    await expect(page.getByRole('region', { name: 'Code' })).toContainText('not run', { timeout: 20_000 });
    // The rest works: without the Custom node the model trains.
    await page.getByRole('button', { name: 'Delete node' }).click();
    await connect(page, 'fc1', 'fc2');
    await openTraining(page);
    await trainUntil(page, 'finished', 120_000);
    await page.screenshot({ path: '/tmp/custom-loop.png' });
  });

  test('a huge allocation is refused by the memory budget and reported on the node', async ({ page }) => {
    await openAndRun(page, hostile('zeros([100000, 100000]);'));
    await expect(page.getByText(/would hold 1\.00e\+10 numbers; a custom layer's tensors hold at most 8,000,000/).first()).toBeVisible({ timeout: 20_000 });
  });

  test('each way out of the tensor API (prototypes, string compilers, import(), shared objects, built-ins changed under the runtime) is contained and reported on the node; the app keeps working', async ({ page }) => {
    test.setTimeout(300_000);
    // Each body calls fetch('/steal') if it gets that far; the node must show the containment instead.
    const escapes: [string, string, RegExp][] = [
      ['the prototype of self', "Object.getPrototypeOf(self).fetch('/steal');", /TypeError: Cannot convert undefined or null to object/],
      ['globalThis.constructor.prototype', "globalThis.constructor.prototype.fetch.call(null, '/steal');", /TypeError: Cannot read properties of undefined \(reading 'constructor'\)/],
      ['this of a plain function', "(function () { return this; })().fetch('/steal');", /TypeError: Cannot read properties of undefined \(reading 'fetch'\)/],
      ['Function by name', "Function('return this')().fetch('/steal');", /TypeError: Function is not a function/],
      ['the Function constructor through an array', "[].constructor.constructor('return fetch')()('/steal');", /EvalError: compiling code from a string is not available in the engine worker/],
      ['the async function constructor', "(async () => {}).constructor('await fetch(\"/steal\")')();", /EvalError: compiling code from a string/],
      ['indirect eval', "(0, eval)('this').fetch('/steal');", /EvalError: compiling code from a string/],
      ['setTimeout with a string', "setTimeout('fetch(\"/steal\")', 0);", /TypeError: setTimeout is not a function/],
      ['import()', "import('/steal.js');", /line 3, column 5: A custom layer cannot import/],
      // Changing a built-in the runtime uses later (Comlink calls `apply` with the service, which holds fetch).
      ['Function.prototype.apply', "Object.getPrototypeOf(() => {}).apply = function () { this.fetch('/steal'); };", /TypeError: Cannot assign to read only property 'apply'/],
      ['Array.prototype.map', "Array.prototype.map = function () { fetch('/steal'); return []; };", /TypeError: Cannot assign to read only property 'map'/],
    ];
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    for (const [name, body, contained] of escapes) {
      await test.step(name, async () => {
        // A full load each time (a new hash alone would be a same-document navigation).
        await page.goto('about:blank');
        await openAndRun(page, hostile(body));
        await expect(page.getByText(contained).first(), name).toBeVisible({ timeout: 20_000 });
      });
    }
    expect(requests.filter((u) => u.includes('/steal'))).toEqual([]);
    await page.screenshot({ path: '/tmp/custom-escapes.png' });
    // The engine that contained them all still runs code that behaves: the same link with the code fixed trains.
    await page.goto('about:blank');
    await openAndRun(page, hostile(''));
    await expect(page.getByText(/code is not running/)).toHaveCount(0, { timeout: 20_000 });
    await openTraining(page);
    await trainUntil(page, 'finished', 120_000);
  });

  test('postMessage is not there for the code: not by name, and the global object is out of reach', async ({ page }) => {
    await openAndRun(page, hostile('postMessage({ forged: true });'));
    await expect(page.getByText(/Hostile\.forward: TypeError: postMessage is not a function/).first()).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: '/tmp/custom-postmessage.png' });
  });
});
