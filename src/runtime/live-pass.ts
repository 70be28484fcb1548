import type { JacobianStructure } from './jacobian';
import type { BackwardReport, ForwardReport } from './protocol';
import type { EngineService } from './service';

/** What live mode shows after an edit: a whole pass (backward too when the chain ends in a loss). */
export type LiveReport = { kind: 'backward'; report: BackwardReport } | { kind: 'forward'; report: ForwardReport };

/**
 * Live mode's pass: forward, and backward when the chain ends in a loss, on the current
 * batch, in one call (the page asks once per edit rather than twice).
 */
export function livePass(service: EngineService): LiveReport {
  const plan = service.plan;
  if (!plan) throw new Error('The graph has errors; fix the problems listed under Messages first.');
  return plan.lossNodeId ? { kind: 'backward', report: service.backward() } : { kind: 'forward', report: service.forward() };
}

/** Every layer's Jacobian with respect to its input on the pass the service holds, in one call; layers without a summary are left out. */
export function layerJacobians(service: EngineService): Record<string, JacobianStructure> {
  const out: Record<string, JacobianStructure> = {};
  for (const pl of service.plan?.layers ?? []) {
    try {
      out[pl.nodeId] = service.jacobian(pl.nodeId, 'input');
    } catch {
      // A layer without a Jacobian summary simply has no thumbnail.
    }
  }
  return out;
}
