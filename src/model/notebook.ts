/**
 * What the course's notebook prints for the lesson's three runs on its own data (data.mat: 211
 * training and 200 test points), so the page can put the published numbers beside a student's run.
 * reglab reproduces them to the printed digit: see docs/cli.md ("the lesson's table").
 */
export const NOTEBOOK_DATA = Object.freeze({ train: 211, test: 200 });

export const NOTEBOOK_ACCURACY = Object.freeze({
  none: { train: 0.948, test: 0.915 },
  l2: { train: 0.938, test: 0.93 },
  dropout: { train: 0.929, test: 0.95 },
});

/** The notebook's λ and keep_prob: its numbers apply only to runs with these. */
export const NOTEBOOK_L2 = 0.7;
export const NOTEBOOK_KEEP_PROB = 0.86;
