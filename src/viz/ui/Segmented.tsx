import { memo } from 'react';

export interface SegmentedProps<T extends string> {
  /** Names the group for assistive technology. */
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string; title?: string }>;
  onChange: (v: T) => void;
}

/** A row of toggle buttons, one pressed. */
function SegmentedImpl<T extends string>({ label, value, options, onChange }: SegmentedProps<T>) {
  return (
    <div className="bpv-seg" role="group" aria-label={label}>
      {options.map((o) => (
        <button key={o.value} type="button" aria-pressed={o.value === value} title={o.title} onClick={() => onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

export const Segmented = memo(SegmentedImpl) as typeof SegmentedImpl;
