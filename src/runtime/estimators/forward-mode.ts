import { Tensor, type Layer } from '../../engine';
import { lossOf, measured } from './run';
import type { Estimate, GradientEstimator } from './types';

/**
 * Forward mode, exact: after one forward pass, one JVP per parameter scalar θⱼ with the
 * tangent eⱼ (1 at θⱼ, 0 elsewhere, no input tangent) gives ∂L/∂θⱼ exactly. Cost:
 * 1 forward + P JVPs for P parameters — the reason reverse mode exists.
 */
export class ForwardMode implements GradientEstimator {
  readonly kind = 'forward-mode' as const;

  estimate(model: Layer, x: Tensor, y?: ArrayLike<number>): Estimate {
    return measured(model, () => {
      const loss = lossOf(this.kind, model.forward(x, y));
      const params = model.params();
      const tangents: (Tensor | null)[] = params.map(() => null);
      params.forEach((p, i) => {
        const t = Tensor.zeros(p.value.shape, p.value.dtype);
        tangents[i] = t;
        const g = p.grad.data;
        for (let j = 0; j < t.size; j++) {
          t.data[j] = 1;
          g[j] = model.jvp(null, tangents).data[0];
          t.data[j] = 0;
        }
        tangents[i] = null;
      });
      return { loss };
    });
  }
}
