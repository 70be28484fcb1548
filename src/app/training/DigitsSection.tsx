import { useMemo, useState } from 'react';
import type { ImageReport, SampleTrace } from '../../runtime';
import { useRunStore } from '../../editor/run/use-run';
import { ConfusionMatrix, divergingPixels, grayPixels, PixelImage, saliencyPixels } from '../../viz';
import { useImageReport } from './use-image-report';

/** Test digits shown in the grid when no confusion cell is chosen. */
const GRID_DIGITS = 48;
/** At most this many digits of a confusion cell. */
const CELL_DIGITS = 120;

type Cell = { actual: number; predicted: number };

/**
 * Views for image data (the digits): accuracy per class, the confusion matrix (a cell shows
 * its digits), test digits with their predicted class and confidence (wrong ones marked;
 * one click traces a digit through the network), and the first layer's weights as images,
 * one per hidden unit, refreshed while training runs.
 */
export function DigitsSection() {
  const { report, images } = useImageReport();
  const store = useRunStore();
  const [cell, setCell] = useState<Cell | null>(null);
  const [trace, setTrace] = useState<SampleTrace | null>(null);
  const [traceError, setTraceError] = useState<string | null>(null);
  if (!report) return null;

  const runTrace = (index: number) => {
    setTraceError(null);
    void store
      .getState()
      .traceSample(index)
      .then(setTrace, (e: unknown) => setTraceError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <section className="bp-train-section" aria-label="Test digits">
      <header className="bp-train-section__head">
        <h3 className="bp-train-section__title">Test digits</h3>
        <span className="bp-train-section__meta" data-testid="digits-accuracy">
          {(report.accuracy * 100).toFixed(1)}% right · loss {report.loss.toFixed(3)} · step {report.step}
        </span>
      </header>
      <PerClass report={report} />
      <details className="bp-digits__block" open>
        <summary>Confusion matrix</summary>
        <ConfusionMatrix counts={report.confusion} classes={report.classes} size={260} selected={cell} onSelect={setCell} />
      </details>
      {images && <DigitGrid report={report} images={images} cell={cell} onPick={runTrace} />}
      {traceError && <p className="bp-train-note bp-train-note--warning">{traceError}</p>}
      {trace && <TraceView trace={trace} side={report.side} onClose={() => setTrace(null)} />}
      {report.firstLayer && <WeightImages layer={report.firstLayer} side={report.side} />}
    </section>
  );
}

function PerClass({ report }: { report: ImageReport }) {
  const rows = Array.from({ length: report.classes }, (_, k) => {
    let total = 0;
    for (let p = 0; p < report.classes; p++) total += report.confusion[k * report.classes + p];
    return { k, total, right: report.confusion[k * report.classes + k] };
  });
  return (
    <div className="bp-digits__perclass" role="table" aria-label="Accuracy per class" data-testid="per-class-accuracy">
      {rows.map(({ k, total, right }) => {
        const acc = total ? right / total : 0;
        return (
          <div key={k} className="bp-digits__bar" role="row" title={`${k}: ${right} of ${total} right`}>
            <span role="cell">{k}</span>
            <span className="bp-digits__track">
              <span className="bp-digits__fill" style={{ width: `${acc * 100}%` }} />
            </span>
            <span role="cell">{(acc * 100).toFixed(0)}%</span>
          </div>
        );
      })}
    </div>
  );
}

function DigitGrid({ report, images, cell, onPick }: { report: ImageReport; images: Uint8Array; cell: Cell | null; onPick(i: number): void }) {
  const px = report.side * report.side;
  const indices = useMemo(() => {
    const out: number[] = [];
    for (let i = 0; i < report.labels.length && out.length < (cell ? CELL_DIGITS : GRID_DIGITS); i++) {
      if (!cell || (report.labels[i] === cell.actual && report.predicted[i] === cell.predicted)) out.push(i);
    }
    return out;
  }, [report, cell]);
  return (
    <div className="bp-digits__block">
      <p className="bp-train-info">
        {cell ? `Digits of class ${cell.actual} predicted as ${cell.predicted}` : 'The first test digits'}: predicted class and confidence; wrong ones in red. Click one to trace it.
      </p>
      <div className="bp-digits__grid" data-testid="digit-grid">
        {indices.map((i) => {
          const wrong = report.predicted[i] !== report.labels[i];
          return (
            <button
              key={i}
              type="button"
              className={`bp-digits__tile${wrong ? ' bp-digits__tile--wrong' : ''}`}
              data-testid={wrong ? 'digit-wrong' : 'digit-right'}
              title={`Test digit ${i}: a ${report.labels[i]}, predicted ${report.predicted[i]} (${(report.confidence[i] * 100).toFixed(0)}%)`}
              onClick={() => onPick(i)}
            >
              <PixelImage pixels={grayPixels(images, i * px, px)} side={report.side} size={40} />
              <span>
                {report.predicted[i]} · {(report.confidence[i] * 100).toFixed(0)}%
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

function TraceView({ trace, side, onClose }: { trace: SampleTrace; side: number; onClose(): void }) {
  const px = side * side;
  return (
    <div className="bp-digits__block bp-digits__trace" data-testid="sample-trace" role="group" aria-label="Traced sample">
      <div className="bp-digits__trace-head">
        <b>
          Test digit {trace.index}: a {trace.label}, predicted {trace.predicted} · loss {trace.loss.toFixed(3)}
        </b>
        <button type="button" className="bp-button bp-button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="bp-digits__trace-row">
        <figure>
          <PixelImage pixels={saliencyPixels(trace.input, trace.saliency, px)} side={side} size={112} testId="saliency-map" title="dL/dx: red where changing the pixel changes the loss most" />
          <figcaption>dL/dx over the digit</figcaption>
        </figure>
        <figure>
          <Bars values={trace.probabilities} highlight={trace.label} />
          <figcaption>Probabilities (true class in blue)</figcaption>
        </figure>
      </div>
      {trace.layers.map((l) => (
        <div key={l.nodeId} className="bp-digits__layer">
          <span className="bp-digits__layer-name">{l.title}</span>
          {l.values.length === px ? <PixelImage pixels={divergingPixels(l.values, 0, px)} side={side} size={56} /> : <Bars values={l.values} />}
        </div>
      ))}
    </div>
  );
}

/** One bar per value, signed around a middle line when any value is negative. */
function Bars({ values, highlight }: { values: Float32Array; highlight?: number }) {
  const w = 220;
  const h = 44;
  let max = 1e-12;
  let neg = false;
  for (const v of values) {
    max = Math.max(max, Math.abs(v));
    if (v < 0) neg = true;
  }
  const bw = w / values.length;
  const base = neg ? h / 2 : h;
  return (
    <svg width={w} height={h} className="bp-digits__bars">
      {Array.from(values, (v, i) => {
        const len = (Math.abs(v) / max) * (neg ? h / 2 : h);
        return <rect key={i} x={i * bw} width={Math.max(1, bw - (bw > 3 ? 1 : 0))} y={v >= 0 ? base - len : base} height={len} fill={i === highlight ? '#2563eb' : v >= 0 ? '#e11d48' : '#2563eb'} />;
      })}
    </svg>
  );
}

function WeightImages({ layer, side }: { layer: NonNullable<ImageReport['firstLayer']>; side: number }) {
  const px = side * side;
  const tiles = useMemo(() => Array.from({ length: layer.units }, (_, u) => divergingPixels(layer.w, u * px, px)), [layer, px]);
  return (
    <details className="bp-digits__block" open>
      <summary>First layer&apos;s weights ({layer.units} units, red +, blue −)</summary>
      <div className="bp-digits__weights" data-testid="weight-images">
        {tiles.map((t, u) => (
          <PixelImage key={u} pixels={t} side={side} size={30} title={`Unit ${u + 1} of ${layer.nodeId}`} />
        ))}
      </div>
    </details>
  );
}
