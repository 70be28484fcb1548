import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GradNormChart } from './GradNormChart';
import { GradNormSeries, layerColors } from './gradnorm';
import { LineChart, type DrawInfo } from './LineChart';
import { SeriesBuffer } from './series';

afterEach(cleanup);

/** Lets pending animation frames (or their timer fallback) run. */
async function nextFrames(): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 40));
  });
}

function vertices(path: SVGPathElement): number {
  return (path.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0;
}

function lossSeries(n: number) {
  const train = new SeriesBuffer('train', 'train loss');
  const test = new SeriesBuffer('test', 'test loss', { dash: '5 3' });
  for (let i = 0; i <= n; i++) {
    train.push(i, 0.1 + 0.9 * Math.exp(-i / 100));
    if (i % 10 === 0) test.push(i, 0.12 + 0.9 * Math.exp(-i / 100));
  }
  return [train, test];
}

describe('LineChart', () => {
  it('appends without re-rendering: new points are read in the next frame, no React commit', async () => {
    const series = lossSeries(750);
    const draws: DrawInfo[] = [];
    let commits = 0;
    const { container } = render(
      <Profiler id="chart" onRender={() => void commits++}>
        <LineChart series={series} title="Loss" width={600} height={200} onDraw={(d) => draws.push(d)} />
      </Profiler>,
    );
    await nextFrames();
    const paths = container.querySelectorAll<SVGPathElement>('path.bpv-chart-line');
    const before = vertices(paths[0]);
    const settled = commits;
    // Steps 751 … 800 stay inside the x-domain [0, 800] and the values inside the y-domain.
    for (let i = 751; i <= 800; i++) series[0].push(i, 0.1 + 0.9 * Math.exp(-i / 100));
    await nextFrames();
    expect(commits).toBe(settled);
    expect(draws.at(-1)).toMatchObject({ fed: 50, rebuilt: 0 });
    // One redraw for the batch, not one per point.
    expect(draws.filter((d) => d.fed > 0).length).toBe(2);
    expect(vertices(paths[0])).toBeGreaterThan(before);
    // The legend's latest value was written in place.
    expect(screen.getByText('train loss').querySelector('b')).toHaveTextContent('0.1');
    // Outgrowing the domain rebuilds the paths and re-renders the axes once.
    series[0].push(950, 0.1);
    await nextFrames();
    expect(draws.at(-1)).toMatchObject({ rebuilt: 2 });
    expect(commits).toBe(settled + 1);
    expect(container.querySelector('.bpv-axis')).toHaveTextContent('1,000');
  });

  it('decimates 100,000 points to at most four vertices per pixel column', async () => {
    const s = new SeriesBuffer('noise', 'noisy');
    for (let i = 0; i < 100_000; i++) s.push(i, 1 + Math.sin(i * 0.7) * 0.5);
    const draws: DrawInfo[] = [];
    const { container } = render(<LineChart series={[s]} width={500} height={200} onDraw={(d) => draws.push(d)} />);
    await nextFrames();
    const inner = 500 - 48 - 16;
    expect(vertices(container.querySelector('path.bpv-chart-line')!)).toBeLessThanOrEqual(4 * (inner + 1));
    expect(draws.at(-1)!.points).toBe(100_000);
  });

  it('switches between linear and log y', async () => {
    const s = new SeriesBuffer('g', 'grad norm');
    [1, 1e-2, 1e-4, 1e-5].forEach((v, i) => s.push(i, v));
    const onYScaleChange = vi.fn();
    const { container } = render(<LineChart series={[s]} width={500} height={240} onYScaleChange={onYScaleChange} />);
    const group = screen.getByRole('group', { name: 'Y-axis scale' });
    expect(within(group).getByRole('button', { name: 'linear' })).toHaveAttribute('aria-pressed', 'true');
    // y ticks are the axis groups placed at x = 0.
    const ticks = () => Array.from(container.querySelectorAll('.bpv-axis > g[transform^="translate(0,"]')).map((g) => g.textContent);
    expect(ticks()).toContain('0.2');
    fireEvent.click(within(group).getByRole('button', { name: 'log' }));
    expect(onYScaleChange).toHaveBeenCalledWith('log');
    expect(within(group).getByRole('button', { name: 'log' })).toHaveAttribute('aria-pressed', 'true');
    await nextFrames();
    expect(ticks()).toEqual(expect.arrayContaining(['10⁻⁵', '10⁻⁴', '0.01', '1']));
    expect(ticks()).not.toContain('0.2');
    expect(screen.getByRole('img', { name: /grad norm by training step, log y-axis/ })).toBeInTheDocument();
  });

  it('shows every series’ value at the hovered step, and steps through points by keyboard', async () => {
    const series = lossSeries(100);
    render(<LineChart series={series} width={600} height={200} />);
    await nextFrames();
    const plot = screen.getByRole('img', { name: /^train loss, test loss by training step/ });
    // x-domain [0, 100] over 536 px: x = 268 is step 50.
    fireEvent.pointerMove(plot, { clientX: 268, clientY: 40 });
    const tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('step 50');
    expect(tip).toHaveTextContent(`train loss${(0.1 + 0.9 * Math.exp(-0.5)).toPrecision(3)}`);
    expect(tip).toHaveTextContent(`test loss${(0.12 + 0.9 * Math.exp(-0.5)).toPrecision(3)}`);
    fireEvent.pointerLeave(plot);
    fireEvent.focus(plot);
    expect(screen.getByRole('tooltip')).toHaveTextContent('step 100');
    fireEvent.keyDown(plot, { key: 'ArrowLeft' });
    expect(screen.getByRole('tooltip')).toHaveTextContent('step 99');
    fireEvent.keyDown(plot, { key: 'Home' });
    expect(screen.getByRole('tooltip')).toHaveTextContent('step 0');
  });

  it('starts over when a series is cleared for a new run', async () => {
    const [train] = lossSeries(300);
    const draws: DrawInfo[] = [];
    render(<LineChart series={[train]} width={400} height={200} onDraw={(d) => draws.push(d)} />);
    await nextFrames();
    train.clear();
    train.push(0, 2);
    await nextFrames();
    expect(draws.at(-1)).toMatchObject({ points: 1, rebuilt: 1 });
  });
});

describe('GradNormChart', () => {
  it('draws one line per layer on a log axis, coloured from the first layer to the last', async () => {
    const layers = Array.from({ length: 4 }, (_, i) => ({ id: `fc${i + 1}`, title: `fc${i + 1}` }));
    const g = new GradNormSeries(layers);
    g.append([1, 2, 3].map((step) => ({ step, norms: Object.fromEntries(layers.map((l, i) => [l.id, { input: 0, params: 10 ** (i - 6) }])) })));
    const { container } = render(<GradNormChart series={g.series} width={500} />);
    await nextFrames();
    expect(screen.getByRole('button', { name: 'log' })).toHaveAttribute('aria-pressed', 'true');
    const strokes = Array.from(container.querySelectorAll('path.bpv-chart-line')).map((p) => p.getAttribute('stroke'));
    expect(strokes).toEqual(layerColors(4));
    for (const l of layers) expect(screen.getByText(l.title)).toBeInTheDocument();
    expect(screen.getByText('Gradient norm per layer')).toBeInTheDocument();
  });
});
