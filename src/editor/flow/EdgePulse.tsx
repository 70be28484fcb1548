import { useInternalNode } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { formatPercent, formatValue } from '../../viz';
import type { TensorSummary } from '../../runtime';
import type { RunState } from '../run/run-data';
import { useRun } from '../run/use-run';
import { activeStep, nodeOutput } from '../run/views';
import { useScreen } from '../screen/use-screen';

/** How long a pulse takes along an edge: most of a played step, within bounds that still read as motion. */
export function pulseDurationMs(playIntervalMs: number): number {
  return Math.round(Math.min(900, Math.max(250, playIntervalMs * 0.8)));
}

/**
 * A dot running along the edge's path (SVG animateMotion, so the browser moves it without
 * a React render per frame) over a dashed stroke flowing the same way: forwards for a
 * forward step, back towards the source for a backward step. Mounted anew for each step.
 */
export function EdgePulse({ path, phase }: { path: string; phase: 'forward' | 'backward' }) {
  const interval = useScreen((s) => s.playIntervalMs);
  const motion = useRef<SVGAnimateMotionElement>(null);
  const fade = useRef<SVGAnimateElement>(null);
  const dur = `${pulseDurationMs(interval)}ms`;
  useEffect(() => {
    // Animations inserted after the document started would otherwise begin at time 0, long past.
    motion.current?.beginElement();
    fade.current?.beginElement();
  }, []);
  const backward = phase === 'backward';
  return (
    <g className={`bp-edge-pulse bp-edge-pulse--${phase}`} data-phase={phase} aria-hidden="true">
      <path d={path} className="bp-edge-flow" fill="none" />
      <circle r={5.5} className="bp-edge-dot">
        <animateMotion ref={motion} dur={dur} begin="indefinite" fill="freeze" path={path} keyPoints={backward ? '1;0' : '0;1'} keyTimes="0;1" calcMode="linear" />
        <animate ref={fade} attributeName="opacity" dur={dur} begin="indefinite" fill="freeze" values="0;1;1;0.85" keyTimes="0;0.1;0.8;1" />
      </circle>
    </g>
  );
}

/** "mean 0.12 ± 0.80, 31% zeros" */
export function activationText(t: TensorSummary): string {
  return `mean ${formatValue(t.mean)} ± ${formatValue(t.std)}${t.zeros > 0 ? `, ${formatPercent(t.zeros)} zeros` : ''}`;
}

/** "‖∂L/∂x‖ 0.042 · mean −1.2e−4 ± 0.003" */
export function gradientText(t: TensorSummary): string {
  return `‖∂L/∂x‖ ${formatValue(t.norm)} · mean ${formatValue(t.mean)} ± ${formatValue(t.std)}`;
}

export interface FlowCalloutProps {
  edgeId: string;
  sourceId: string;
  targetId: string;
  phase: 'forward' | 'backward';
  /** The edge's label point. */
  x: number;
  y: number;
  /** A row-wrapping connector: its label point is already in open space. */
  wraps: boolean;
}

/**
 * The tensor a step sends along the edge, in words: the activation travelling forward,
 * or the gradient travelling back. It floats above the two nodes the edge joins (or just
 * above a row-wrapping connector), so it never covers their figures.
 */
export function FlowCallout({ edgeId, sourceId, targetId, phase, x, y, wraps }: FlowCalloutProps) {
  const tensor = useRun(
    useCallback((s: RunState) => (phase === 'forward' ? nodeOutput(s, sourceId) : (activeStep(s)?.backward?.dIn ?? null)), [phase, sourceId]),
  );
  const source = useInternalNode(sourceId);
  const target = useInternalNode(targetId);
  if (!tensor) return null;
  const tops = [source, target].flatMap((n) => (n ? [n.internals.positionAbsolute.y] : []));
  const bottom = wraps || !tops.length ? y - 26 : Math.min(...tops) - 8;
  return (
    <div
      className={`bp-flow-callout bp-flow-callout--${phase} nodrag nopan`}
      style={{ transform: `translate(-50%, -100%) translate(${x}px, ${bottom}px)` }}
      data-testid={`edge-flow-${edgeId}`}
      data-phase={phase}
    >
      <span className="bp-flow-callout__arrow" aria-hidden="true">
        {phase === 'forward' ? '→' : '←'}
      </span>
      {phase === 'forward' ? activationText(tensor) : gradientText(tensor)}
    </div>
  );
}
