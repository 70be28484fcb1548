import { scaleSequentialLog, interpolateBlues, interpolateReds } from 'd3';

export interface ConfusionMatrixProps {
  /** classes × classes counts, row = true class, column = predicted. */
  counts: Int32Array;
  classes: number;
  size: number;
  selected: { actual: number; predicted: number } | null;
  onSelect(cell: { actual: number; predicted: number } | null): void;
}

/**
 * True class down, predicted class across: the diagonal (right) in blue, mistakes in red,
 * shade on a log scale so a handful of confusions still show. A cell is a button: it shows its digits.
 */
export function ConfusionMatrix({ counts, classes, size, selected, onSelect }: ConfusionMatrixProps) {
  const pad = 18;
  const cell = (size - pad) / classes;
  let max = 1;
  for (const c of counts) max = Math.max(max, c);
  const right = scaleSequentialLog(interpolateBlues).domain([1, max]);
  const wrong = scaleSequentialLog(interpolateReds).domain([1, Math.max(2, max / 4)]).clamp(true);
  const cells = [];
  for (let a = 0; a < classes; a++) {
    for (let p = 0; p < classes; p++) {
      const n = counts[a * classes + p];
      const isSel = selected?.actual === a && selected.predicted === p;
      cells.push(
        <g
          key={`${a}-${p}`}
          role="button"
          tabIndex={n > 0 ? 0 : -1}
          aria-label={`${n} digit${n === 1 ? '' : 's'} of class ${a} predicted as ${p}`}
          data-testid={`confusion-cell-${a}-${p}`}
          style={{ cursor: n > 0 ? 'pointer' : 'default' }}
          onClick={() => n > 0 && onSelect(isSel ? null : { actual: a, predicted: p })}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' || e.key === ' ') && n > 0) onSelect(isSel ? null : { actual: a, predicted: p });
          }}
        >
          <rect
            x={pad + p * cell}
            y={pad + a * cell}
            width={cell - 1}
            height={cell - 1}
            fill={n === 0 ? '#f6f6f6' : a === p ? right(n) : wrong(n)}
            stroke={isSel ? '#111' : 'none'}
            strokeWidth={2}
          />
          {n > 0 && cell >= 16 && (
            <text x={pad + p * cell + cell / 2} y={pad + a * cell + cell / 2 + 3} textAnchor="middle" fontSize={Math.min(10, cell / 2.6)} fill={a === p && n > max / 2 ? '#fff' : '#222'} pointerEvents="none">
              {n}
            </text>
          )}
        </g>,
      );
    }
  }
  return (
    <svg width={size} height={size} role="group" aria-label="Confusion matrix" data-testid="confusion-matrix">
      {Array.from({ length: classes }, (_, k) => (
        <g key={k} fontSize={9} fill="#555">
          <text x={pad + k * cell + cell / 2} y={11} textAnchor="middle">
            {k}
          </text>
          <text x={8} y={pad + k * cell + cell / 2 + 3} textAnchor="middle">
            {k}
          </text>
        </g>
      ))}
      {cells}
    </svg>
  );
}
