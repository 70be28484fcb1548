import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const index = {
  default: 'spiral.json',
  examples: [
    { file: 'spiral.json', name: 'Spiral classifier', description: 'Two arms' },
    { file: 'lesson-chain-rule.json', name: 'The chain rule', description: 'Steps', lesson: true },
  ],
};

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });

/** A fresh copy of the module for each test: the index it keeps is per page. */
async function load() {
  vi.resetModules();
  return import('./examples');
}

describe('fetchExampleIndex', () => {
  const fetchMock = vi.fn<(url: string) => Promise<Response>>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('fetches the index once for all its callers, at once or later', async () => {
    fetchMock.mockImplementation(async () => ok(index));
    const { fetchExampleIndex } = await load();
    const [a, b] = await Promise.all([fetchExampleIndex(), fetchExampleIndex()]);
    const c = await fetchExampleIndex();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0][0]).toMatch(/examples\/index\.json$/);
    expect(a.defaultFile).toBe('spiral.json');
    expect(c.examples.map((e) => e.file)).toEqual(['spiral.json', 'lesson-chain-rule.json']);
    expect(b).toBe(a);
  });

  it('does not keep a failure: the next caller tries again and gets the index', async () => {
    fetchMock.mockImplementationOnce(async () => new Response('', { status: 503, statusText: 'Service Unavailable' }));
    fetchMock.mockImplementation(async () => ok(index));
    const { fetchExampleIndex } = await load();
    await expect(fetchExampleIndex()).rejects.toThrow(/index\.json: 503 Service Unavailable/);
    await expect(fetchExampleIndex()).resolves.toMatchObject({ defaultFile: 'spiral.json' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('does not keep an index it refused, and names what is wrong in it', async () => {
    fetchMock.mockImplementationOnce(async () => ok({ examples: [{ file: 'a.json', name: 'A' }] }));
    fetchMock.mockImplementation(async () => ok(index));
    const { fetchExampleIndex } = await load();
    await expect(fetchExampleIndex()).rejects.toThrow('examples/index.json: examples[0].description must be a string');
    await expect(fetchExampleIndex()).resolves.toMatchObject({ defaultFile: 'spiral.json' });
  });

  it('refuses an example the index does not list, without fetching it', async () => {
    fetchMock.mockImplementation(async () => ok(index));
    const { listedExampleText } = await load();
    await expect(listedExampleText('../secrets.json')).rejects.toThrow('there is no built-in example “../secrets.json”');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
