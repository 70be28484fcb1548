import { createRng, Tensor, type Sequential } from '../../engine';
import type { Plan } from '../../model';
import type { Targets } from '../datasets';
import { norm } from '../summary';

/** One layer of a forward-gradient step: the tangent it passes on, and the part of v on its own parameters. */
export interface TangentLayer {
  nodeId: string;
  /** The edge that feeds this layer (the tangent flows along it into the layer). */
  edgeId: string;
  title: string;
  /** ‖v‖ over this layer's parameters (0 for a layer without any). */
  paramTangentNorm: number;
  /** ‖ṫ‖ of the layer's output tangent: J_x·ṫ_in + J_θ·v_θ. */
  tangentNorm: number;
  /** ‖output‖ of the forward pass, for scale. */
  valueNorm: number;
}

/** One forward-gradient step on the current batch, layer by layer, checked against backprop. */
export interface ForwardGradientWalk {
  inputNodeId: string;
  /** ‖x‖ of the batch. */
  inputNorm: number;
  layers: TangentLayer[];
  loss: number;
  /** ‖v‖ over all parameters, and P. */
  tangentNorm: number;
  params: number;
  /** ∇L·v as the JVP's last tangent gives it, and as backprop's gradient dotted with v (the check). */
  directional: number;
  directionalByBackprop: number;
  /** The estimate g = (∇L·v)·v: its norm, the true gradient's norm, and the cosine between them. */
  estimateNorm: number;
  gradientNorm: number;
  cosine: number;
}

/**
 * Runs one forward-gradient step as the estimator does, on a copy of the model (the model,
 * its gradients and its dropout generators are untouched): a forward pass, then the tangent
 * pushed forward layer by layer from no input tangent, each layer adding J_θ·v_θ for its part
 * of the random direction v ~ N(0, I); the loss's tangent is ∇L·v. Backprop on the same copy
 * gives ∇L, to check ∇L·v and to measure how well g = (∇L·v)·v points.
 */
export function forwardGradientWalk(model: Sequential, plan: Plan, x: Tensor, y: Targets, seed: number): ForwardGradientWalk {
  if (!plan.lossNodeId) throw new Error('A forward-gradient step needs a loss as the last node.');
  const copy = model.clone();
  copy.train(true);
  const rng = createRng(seed >>> 0);
  const outputs: Tensor[] = [];
  let h = x;
  copy.layers.forEach((l, i) => {
    h = i === copy.layers.length - 1 ? l.forward(h, y) : l.forward(h);
    outputs.push(h);
  });
  const loss = h.data[0];
  const vs = copy.layers.map((l) => l.params().map((p) => Tensor.randn(p.value.shape, rng, 1, p.value.dtype)));
  let t: Tensor | null = null;
  const layers: TangentLayer[] = plan.layers.map((pl, i) => {
    t = copy.layers[i].jvp(t, vs[i]);
    return {
      nodeId: pl.nodeId,
      edgeId: pl.inEdgeId,
      title: pl.title,
      paramTangentNorm: Math.hypot(...vs[i].map((v) => norm(v.data))),
      tangentNorm: norm(t.data),
      valueNorm: norm(outputs[i].data),
    };
  });
  const directional = (t as Tensor | null)?.data[0] ?? Number.NaN;

  copy.zeroGrad();
  copy.backward();
  let dot = 0, gg = 0, vv = 0;
  copy.layers.forEach((l, i) =>
    l.params().forEach((p, k) => {
      const g = p.grad.data;
      const v = vs[i][k].data;
      for (let j = 0; j < g.length; j++) {
        dot += g[j] * v[j];
        gg += g[j] * g[j];
        vv += v[j] * v[j];
      }
    }),
  );
  // g = d·v, so ‖g‖ = |d|·‖v‖ and cos(g, ∇L) = d·(∇L·v) / (‖g‖·‖∇L‖).
  const estimateNorm = Math.abs(directional) * Math.sqrt(vv);
  const gradientNorm = Math.sqrt(gg);
  return {
    inputNodeId: plan.inputNodeId,
    inputNorm: norm(x.data),
    layers,
    loss,
    tangentNorm: Math.sqrt(vv),
    params: vs.reduce((s, ps) => s + ps.reduce((a, v) => a + v.size, 0), 0),
    directional,
    directionalByBackprop: dot,
    estimateNorm,
    gradientNorm,
    cosine: estimateNorm && gradientNorm ? (directional * dot) / (estimateNorm * gradientNorm) : Number.NaN,
  };
}
