import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';

/**
 * Every test fails on a console error or warning, or an uncaught exception, in the page.
 * `app` opens the app with a fresh browser profile (each test has its own context, so
 * its own IndexedDB) and waits until the startup graph is on the canvas.
 */
export const test = base.extend<{ consoleProblems: string[]; app: Page }>({
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      watchConsole(page, problems);
      await use(problems);
      expect(problems, 'the page logged errors or warnings').toEqual([]);
    },
    { auto: true },
  ],
  app: async ({ page }, use) => {
    await page.goto('/');
    await waitForApp(page);
    await use(page);
  },
});

export { expect };

/** Collects the page's console errors and warnings and uncaught exceptions into `problems`. */
export function watchConsole(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
}

export async function waitForApp(page: Page): Promise<void> {
  await expect(page.locator('.bp-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

/**
 * Copies the page's share link and opens it in a fresh browser (a new context: no autosave,
 * no clipboard history), collecting that page's console problems.
 */
export async function openShareLink(page: Page, browser: Browser): Promise<{ url: string; fresh: Page; problems: string[]; close(): Promise<void> }> {
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('status')).toContainText('Link copied to the clipboard.');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const fresh = await context.newPage();
  const problems: string[] = [];
  watchConsole(fresh, problems);
  await fresh.goto(url);
  await waitForApp(fresh);
  return { url, fresh, problems, close: () => context.close() };
}

export const nodes = (page: Page): Locator => page.locator('.react-flow__node');
export const edges = (page: Page): Locator => page.locator('.react-flow__edge');
export const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Replaces the graph by `doc` through the Import file picker. */
export async function importDocument(page: Page, doc: unknown, name = 'model.json'): Promise<void> {
  await page.getByTestId('import-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)) });
}

/** A document with the given nodes (auto-placed in a row) and edges. */
export function documentWith(spec: { nodes: [id: string, type: string, params?: Record<string, number>][]; edges?: [string, string][]; name?: string }) {
  return {
    format: 'backprop-studio/model',
    version: 2,
    name: spec.name ?? 'Test model',
    seed: 1,
    nodes: spec.nodes.map(([id, type, params], i) => ({ id, type, params: params ?? {}, position: { x: i * 210, y: 0 } })),
    edges: (spec.edges ?? []).map(([source, target], i) => ({ id: `e${i + 1}`, source, target })),
  };
}

/** Starts from an empty canvas (imported), so placements and ids are predictable. */
export async function emptyCanvas(page: Page): Promise<void> {
  await importDocument(page, documentWith({ nodes: [], name: 'Empty' }));
  await expect(nodes(page)).toHaveCount(0);
}

/** The centre of an element, in page coordinates. */
export async function centreOf(l: Locator): Promise<{ x: number; y: number }> {
  const b = (await l.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Drags from one node's output handle to another's input handle with the mouse. */
export async function connect(page: Page, sourceId: string, targetId: string): Promise<void> {
  const from = await centreOf(node(page, sourceId).locator('.react-flow__handle.source:not(.bp-handle--anchor)'));
  const to = await centreOf(node(page, targetId).locator('.react-flow__handle.target:not(.bp-handle--anchor)'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 20, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** Drags a palette item onto the canvas at (x, y) with real HTML5 drag and drop. */
export async function dragFromPalette(page: Page, name: string, to: { x: number; y: number }): Promise<void> {
  const item = page.getByRole('navigation', { name: 'Node palette' }).getByRole('button', { name, exact: true });
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await item.dragTo(pane, { targetPosition: { x: to.x - box.x, y: to.y - box.y } });
}
