import { z } from 'zod';
import { disallowedLinks } from './markdown';

/**
 * A lesson: a title and ordered steps a learner walks through with Next and Back. Each
 * step says something (a little Markdown) and may point at nodes and edges, open a panel,
 * run a pass, set the training speed, and show, hide or lock parts of the screen. Lessons
 * travel in share links, so every size is bounded; lengths are UTF-16 code units, as
 * JavaScript counts them.
 */

export const MAX_LESSON_STEPS = 50;
export const MAX_STEP_TEXT = 2000;
export const MAX_LESSON_TITLE = 120;
export const MAX_STEP_TITLE = 120;
export const MAX_HIGHLIGHTS = 64;
/** The furthest position a step may run a stepped pass to (forward then backward, one layer each). */
export const MAX_STEP_POSITION = 2000;

/**
 * Parts of the screen a lesson can show, hide or lock. `side_panel` is the whole right-hand
 * column (hiding it gives the canvas and the bottom panel its width; locked, it stays shown:
 * the Inspector and the training settings have their own locks).
 */
export const LESSON_CONTROLS = ['palette', 'inspector', 'training_settings', 'graph', 'toolbar_file', 'toolbar_history', 'toolbar_build', 'toolbar_run', 'side_panel'] as const;
export type LessonControl = (typeof LESSON_CONTROLS)[number];
export const CONTROL_STATES = ['show', 'hide', 'lock'] as const;
export type ControlState = (typeof CONTROL_STATES)[number];

export const SIDE_PANELS = ['inspector', 'training', 'lesson'] as const;
export const BOTTOM_PANELS = ['messages', 'backprop', 'gradcheck', 'gradnorms', 'curves'] as const;
/** The bottom panel's heights a step may ask for (CSS px; the panel's own bounds). */
export const BOTTOM_HEIGHT = { min: 120, max: 640 } as const;
/** Training speeds in steps per second, or as fast as the machine goes. */
export const LESSON_SPEEDS = [0.5, 2, 10, 50, 'full'] as const;

const ControlStateSchema = z.enum(CONTROL_STATES);
const controlsShape: Record<LessonControl, z.ZodOptional<typeof ControlStateSchema>> = Object.fromEntries(
  LESSON_CONTROLS.map((c) => [c, ControlStateSchema.optional()]),
) as Record<LessonControl, z.ZodOptional<typeof ControlStateSchema>>;
/** Each control's state; a control not named is shown (or, in a step, as the lesson sets it). */
export const LessonControlsSchema = z.strictObject(controlsShape);

const LessonIdSchema = z.string().min(1).max(128);

export const LessonRunSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('forward') }),
  z.strictObject({ kind: z.literal('backward') }),
  /** A stepped pass from its start to `to` steps in (forward through the chain, then backward). */
  z.strictObject({ kind: z.literal('stepped'), to: z.int().min(1).max(MAX_STEP_POSITION) }),
  /** Training, from the weights the step's model opens with, with its own settings, to their end (the learner may pause it). */
  z.strictObject({ kind: z.literal('train') }),
]);

/**
 * A built-in example's file (public/examples/), which a step may show instead of the
 * lesson's own model: one document holds one chain, so a lesson comparing two networks
 * shows the other one this way. Only files the examples' index lists are ever opened.
 */
export const LessonExampleSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*\.json$/, { message: 'must be the file name of a built-in example, such as "deep-relu.json"' });

export const LessonStepSchema = z.strictObject({
  title: z.string().min(1).max(MAX_STEP_TITLE),
  text: z
    .string()
    .max(MAX_STEP_TEXT)
    .default('')
    .superRefine((text, ctx) => {
      // zod's max counts code points; the bound is on UTF-16 units, as the editor's field counts them.
      if (text.length > MAX_STEP_TEXT && codePoints(text) <= MAX_STEP_TEXT) {
        ctx.addIssue({ code: 'custom', message: `is ${text.length} UTF-16 code units long; it must be at most ${MAX_STEP_TEXT}` });
      }
      for (const href of disallowedLinks(text).slice(0, 3)) {
        ctx.addIssue({ code: 'custom', message: `a link may only go to an http:// or https:// address, not ${JSON.stringify(href.slice(0, 60))}` });
      }
    }),
  /** Nodes and edges drawn out on the canvas while the step shows (ids that are not in the graph are passed over). */
  highlight: z
    .strictObject({
      nodes: z.array(LessonIdSchema).max(MAX_HIGHLIGHTS).default([]),
      edges: z.array(LessonIdSchema).max(MAX_HIGHLIGHTS).default([]),
    })
    .optional(),
  /** The side panel's and the bottom panel's tab brought to the front, and the bottom panel's height (CSS px) set for a view that needs the room. */
  open: z
    .strictObject({
      side: z.enum(SIDE_PANELS).optional(),
      bottom: z.enum(BOTTOM_PANELS).optional(),
      bottom_height: z.int().min(BOTTOM_HEIGHT.min).max(BOTTOM_HEIGHT.max).optional(),
    })
    .optional(),
  /** Shows this built-in example's model during the step (its passes run on it) instead of the lesson's own. */
  example: LessonExampleSchema.optional(),
  run: LessonRunSchema.optional(),
  speed: z.literal(LESSON_SPEEDS).optional(),
  controls: LessonControlsSchema.optional(),
});

export const LessonSchema = z.strictObject({
  title: z.string().min(1).max(MAX_LESSON_TITLE),
  /** The controls' states for every step; a step's own `controls` override them. */
  controls: LessonControlsSchema.optional(),
  steps: z.array(LessonStepSchema).min(1).max(MAX_LESSON_STEPS),
});

export type Lesson = z.output<typeof LessonSchema>;
export type LessonStep = z.output<typeof LessonStepSchema>;
export type LessonRun = z.output<typeof LessonRunSchema>;
export type LessonControls = z.output<typeof LessonControlsSchema>;
export type LessonSpeed = (typeof LESSON_SPEEDS)[number];
export type SidePanelKey = (typeof SIDE_PANELS)[number];
export type BottomPanelKey = (typeof BOTTOM_PANELS)[number];

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** What each control is at step `index`: the step's setting, else the lesson's, else shown. */
export function controlStates(lesson: Lesson, index: number): Record<LessonControl, ControlState> {
  const step = lesson.steps[Math.max(0, Math.min(index, lesson.steps.length - 1))];
  const out = {} as Record<LessonControl, ControlState>;
  for (const c of LESSON_CONTROLS) out[c] = step?.controls?.[c] ?? lesson.controls?.[c] ?? 'show';
  return out;
}
