import type { Lesson } from '../../src/model/lesson';
import { chainRuleLesson } from './chain-rule';
import { question1Lesson } from './question-1';
import { vanishingGradientsLesson } from './vanishing-gradients';

/** A built-in lesson: a built-in example's model with a lesson in it, listed in the Examples menu under Lessons. */
export interface LessonExample {
  file: string;
  name: string;
  description: string;
  /** The example whose model the lesson walks through. */
  base: string;
  lesson: Lesson;
}

export const lessonExamples: LessonExample[] = [
  {
    file: 'lesson-chain-rule.json',
    name: 'The chain rule on the homework MLP',
    description: "Step the homework MLP's backward pass one layer at a time and see each layer turn g into g·J = gᵀJ.",
    base: 'homework-mlp.json',
    lesson: chainRuleLesson,
  },
  {
    file: 'lesson-question-1.json',
    name: "Question 1: the Linear layer's Jacobian",
    description: 'Why the Jacobian of Linear(1024 → 512) on 64 samples has 2,147,483,648 entries, why it is block-diagonal, and why backprop never builds it.',
    base: 'question-1.json',
    lesson: question1Lesson,
  },
  {
    file: 'lesson-vanishing-gradients.json',
    name: 'Vanishing gradients',
    description: 'The deep sigmoid network beside the deep ReLU one: where the gradient goes on its way back, why, and what it does to training.',
    base: 'deep-sigmoid.json',
    lesson: vanishingGradientsLesson,
  },
];
