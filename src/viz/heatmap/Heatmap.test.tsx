import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { divergingScale } from '../color/scales';
import { fakeCanvas, quietCanvas } from '../test-utils';
import { Heatmap } from './Heatmap';
import { heatmapPixels } from './pixels';

describe('Heatmap', () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('renders in jsdom, whose canvas has no 2-D context, without throwing', () => {
    // jsdom logs "not implemented" for getContext; the component must carry on regardless.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<Heatmap data={new Float32Array(12)} rows={3} cols={4} scale="diverging" label="three by four" />);
    expect(screen.getByRole('img', { name: 'three by four' })).toBeInTheDocument();
  });

  it('shows tensor indices through the view’s steps, and the value, on hover', () => {
    const restore = quietCanvas();
    const data = new Float32Array(16 * 128).map((_, i) => i / 1000);
    // A view of a [64, 1024] tensor downsampled 4 × 8: 16 × 128 cells, drawn at 256 × 128 px.
    render(
      <Heatmap data={data} rows={16} cols={128} scale={divergingScale(3)} label="view" width={256} height={128}
        rowAxis={{ name: 'sample', step: 4, count: 64 }} colAxis={{ name: 'feature', step: 8, count: 1024 }} />,
    );
    const plot = screen.getByRole('img', { name: 'view' });
    expect(plot).toHaveAttribute('data-domain', '-3,3');
    // jsdom's boxes sit at 0,0: client coordinates are plot coordinates. Cell (3, 5) spans x 10–12, y 24–32.
    fireEvent.pointerMove(plot, { clientX: 11, clientY: 25 });
    const tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('sample 12–15, feature 40–47');
    expect(tip).toHaveTextContent(`largest |value| ${(3 * 128 + 5) / 1000}`);
    expect(plot).toHaveAttribute('aria-describedby', tip.id);
    fireEvent.pointerLeave(plot);
    expect(screen.queryByRole('tooltip')).toBeNull();
    restore();
  });

  it('is reachable by keyboard: arrows move the cursor, Enter clicks the cell', () => {
    const restore = quietCanvas();
    const onCellClick = vi.fn();
    const data = Float32Array.from([1, 2, 3, 4, 5, 6]);
    render(<Heatmap data={data} rows={2} cols={3} scale="sequential" label="small" rowAxis={{ name: 'sample' }} colAxis={{ name: 'unit' }} onCellClick={onCellClick} />);
    const plot = screen.getByRole('img', { name: 'small' });
    fireEvent.focus(plot);
    expect(screen.getByRole('tooltip')).toHaveTextContent('sample 0, unit 0');
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    fireEvent.keyDown(plot, { key: 'ArrowDown' });
    expect(screen.getByRole('tooltip')).toHaveTextContent('sample 1, unit 1value 5');
    fireEvent.keyDown(plot, { key: 'Enter' });
    expect(onCellClick).toHaveBeenCalledWith(expect.objectContaining({ row: 1, col: 1, value: 5, rows: [1, 1], cols: [1, 1] }));
    fireEvent.keyDown(plot, { key: 'End' });
    expect(screen.getByRole('tooltip')).toHaveTextContent('sample 1, unit 2value 6');
    restore();
  });

  it('merges cells into device pixels when given less room than cells, keeping the hovered index exact', () => {
    const restore = quietCanvas();
    const data = new Float32Array(1 * 1000).map((_, i) => (i === 611 ? -9 : 0.01));
    const onCellClick = vi.fn();
    render(<Heatmap data={data} rows={1} cols={1000} scale="diverging" label="wide" width={250} height={12} onCellClick={onCellClick} />);
    const plot = screen.getByRole('img', { name: 'wide' });
    const canvas = plot.querySelector('canvas')!;
    expect(canvas.width).toBe(250);
    // Pixel 152 merges columns 608–611, the spike's among them.
    fireEvent.pointerMove(plot, { clientX: 152.9, clientY: 5 });
    expect(screen.getByRole('tooltip')).toHaveTextContent('column 608–611');
    expect(screen.getByRole('tooltip')).toHaveTextContent('largest |value| −9');
    fireEvent.click(plot);
    expect(onCellClick.mock.calls[0][0]).toMatchObject({ row: 0, col: 611, value: -9 });
    restore();
  });
});

describe('Heatmap drawing', () => {
  afterEach(cleanup);

  it('puts exactly the pixels of heatmapPixels on a canvas of one pixel per cell, once per new data', () => {
    const { log, restore } = fakeCanvas();
    const scale = divergingScale(2);
    const data = Float32Array.from([-2, -1, 0, 1, 2, NaN]);
    const { rerender } = render(<Heatmap data={data} rows={2} cols={3} scale={scale} label="drawn" />);
    expect(log.images).toHaveLength(1);
    expect(log.images[0]).toMatchObject({ width: 3, height: 2 });
    expect(Array.from(log.images[0].data)).toEqual(Array.from(heatmapPixels(data, 2, 3, scale)));
    rerender(<Heatmap data={data} rows={2} cols={3} scale={scale} label="drawn again" />);
    expect(log.images).toHaveLength(1);
    rerender(<Heatmap data={Float32Array.from(data).reverse()} rows={2} cols={3} scale={scale} label="drawn again" />);
    expect(log.images).toHaveLength(2);
    restore();
  });
});
