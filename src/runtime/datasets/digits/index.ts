/** Handwritten digits (MNIST, 28×28): the asset format, its loader and the fixed split. */
export { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE, decodeDigits, encodeDigits, type DigitsData } from './format';
export { createDigitsSource, DIGITS_PATH, type DigitsProgress, type DigitsSource, type FetchLike } from './loader';
export { DIGITS_SPLIT_SEED, DIGITS_TEST_FRACTION, digitsDataset, splitDigits } from './split';
