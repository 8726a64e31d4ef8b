/**
 * The exercise's names, alone in a module of their own: the page's first load imports only this
 * (src/ui/exercise-install.ts); everything else of the exercise loads when it is opened.
 */

/** The four JavaScript blanks, named as the notebook's functions, in the lesson's order. */
export const JS_EXERCISES = [
  'compute_cost_with_regularization',
  'backward_propagation_with_regularization',
  'forward_propagation_with_dropout',
  'backward_propagation_with_dropout',
] as const;

/** The GPU blank: the WGSL function whose body is the student's line. */
export const GPU_EXERCISE = 'dropout_keep_scale';

export const EXERCISES = [...JS_EXERCISES, GPU_EXERCISE] as const;

export type JsExerciseName = (typeof JS_EXERCISES)[number];
export type ExerciseName = (typeof EXERCISES)[number];
