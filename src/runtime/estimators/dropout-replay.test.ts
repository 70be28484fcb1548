import { describe, expect, it } from 'vitest';
import { CrossEntropyLoss, Dropout, MLP, Sequential, Tensor, createRng } from '../../engine';
import { DropoutReplay } from './dropout-replay';

function model() {
  // Two dropout layers inside the MLP sharing one generator, one outside with its own.
  const mlp = new MLP(3, 2, [4, 4], { dropout: 0.5, rng: createRng(1) });
  return new Sequential(new Dropout(0.5, { rng: createRng(2) }), mlp, new CrossEntropyLoss());
}
const masks = (m: Sequential) => [m.layers[0] as Dropout, ...(m.layers[1] as MLP).sequence.layers.filter((l): l is Dropout => l instanceof Dropout)].map((d) => d.mask!.toArray());
const x = Tensor.full([5, 3], 1);
const y = [0, 1, 0, 1, 1];

describe('DropoutReplay', () => {
  it('rewind: every evaluation draws the first one’s masks, nested layers and shared generators included', () => {
    const m = model();
    const replay = new DropoutReplay(m);
    m.forward(x, y);
    const first = masks(m);
    replay.keep();
    replay.rewind();
    m.forward(x, y);
    expect(masks(m)).toEqual(first);
    m.forward(x, y);
    expect(masks(m)).not.toEqual(first);
  });

  it('finish: the generators end where one forward pass leaves them', () => {
    const m = model();
    const twin = m.clone();
    twin.forward(x, y);
    const replay = new DropoutReplay(m);
    for (let i = 0; i < 3; i++) {
      replay.rewind();
      m.forward(x, y);
      replay.keep();
    }
    replay.finish();
    m.forward(x, y);
    twin.forward(x, y);
    expect(masks(m)).toEqual(masks(twin));
  });

  it('finish without any evaluation puts the generators back where they started', () => {
    const m = model();
    const twin = m.clone();
    const replay = new DropoutReplay(m);
    m.forward(x, y);
    replay.finish();
    m.forward(x, y);
    twin.forward(x, y);
    expect(masks(m)).toEqual(masks(twin));
  });
});
