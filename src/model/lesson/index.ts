export * from './lesson-schema';
export { parseLessonMarkdown, parseInline, isAllowedHref, disallowedLinks, type Block, type Inline } from './markdown';
