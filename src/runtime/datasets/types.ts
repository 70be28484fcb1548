/**
 * A dataset held as flat typed arrays, so a mini-batch is a gather of rows and the arrays
 * can be transferred to and from a Web Worker without copying. Classification data has
 * class labels in `y`; regression data has one number to fit per sample in `targets`
 * (see isRegression), with `classes` 0 and every `y` 0, so splits and batches need no second path.
 */
export interface Dataset {
  name: string;
  /** Values per sample (columns of `x`). */
  features: number;
  /** Number of classes; every label is in [0, classes). A class may have no samples. 0 for regression data. */
  classes: number;
  /** N × features, row-major: sample i's feature j is `x[i * features + j]`. */
  x: Float32Array;
  /** N labels in [0, classes). */
  y: Int32Array;
  featureNames: string[];
  /** Names of the classes when the data gave names (CSV string labels); index = class. */
  classNames?: string[];
  /** Regression data: sample i's target value (the model fits one output to it). */
  targets?: Float32Array;
  /** What the target is called (a CSV column's header, or y). */
  targetName?: string;
}

/** What a loss compares the model's outputs with: class labels, or one target value per sample. */
export type Targets = Int32Array | Float32Array;

/**
 * A train/test split. `train` and `test` are contiguous copies (a training loop gathers
 * mini-batches from `train` without indirection, an evaluation pass reads `test` straight
 * through); `trainIndex`/`testIndex` give each of their rows' index in the full dataset,
 * so a view can mark held-out points or a CSV row can be traced back.
 * `train` is in seeded random order; so is `test`.
 */
export interface DatasetSplit {
  train: Dataset;
  test: Dataset;
  trainIndex: Int32Array;
  testIndex: Int32Array;
}

/**
 * A problem with user data or settings. `row` is the 1-based line in the file as a
 * text editor shows it; `column` names the CSV column; `field` names the setting.
 * `message` is complete on its own (it repeats the row and column).
 */
export interface DatasetError {
  row?: number;
  column?: string;
  field?: string;
  message: string;
}

/** Outcome of loading user-controlled data: never thrown, always returned. */
export type DatasetResult<T = Dataset> = { ok: true; data: T } | { ok: false; errors: DatasetError[] };

/** Per-feature extent: `min[j]`, `max[j]` for feature j. */
export interface Bounds {
  min: number[];
  max: number[];
}
