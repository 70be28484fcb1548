export * from './presenting';
export * from './apply-step';
export { useControl, useHighlighted } from './use-lesson';
export * from './lesson-edits';
