import type { Lesson } from '../../src/model/lesson';

/**
 * The homework's Question 1 on its own layer: the shape and sparsity of ∂Y/∂X and ∂Y/∂W,
 * and why backprop never builds them. The test src/runtime/lesson-examples.test.ts
 * recomputes every figure the text states.
 */
export const question1Lesson: Lesson = {
  title: "Question 1: the Linear layer's Jacobian",
  controls: { palette: 'hide', side_panel: 'hide', graph: 'lock' },
  steps: [
    {
      title: 'The question',
      text: [
        'A Linear layer with `in_features=1024` and `out_features=512`, applied to a batch of N = 64 samples:',
        'Y = X·Wᵀ + b,  X: 64×1024,  W: 512×1024,  Y: 64×512',
        'The homework asks, for the Jacobian ∂Y/∂X and then for ∂Y/∂W:',
        '1. What is its shape?\n2. Is it sparse, and which entries are zero?\n3. Does backprop need to materialise it?',
        'The forward pass through fc1 has run; the panel below shows Y.',
      ].join('\n\n'),
      highlight: { nodes: ['fc1'], edges: [] },
      open: { bottom: 'backprop' },
      run: { kind: 'stepped', to: 1 },
    },
    {
      title: 'The shape of ∂Y/∂X',
      text: [
        '∂Y/∂X holds ∂Y[n,i]/∂X[m,j] for every entry of Y and every entry of X, so its shape is Y’s shape followed by X’s: **(64, 512, 64, 1024)**.',
        'Flattened, that is a 32,768 × 65,536 matrix with **2,147,483,648 entries**: 8 GiB as float32, more than a browser tab may hold.',
        'The small picture on the edge into fc1 is that Jacobian. Click it for the large view: shape, entries and what they would cost.',
      ].join('\n\n'),
      highlight: { nodes: ['fc1'], edges: ['e1'] },
      // The forward pass to its end: the edges' Jacobians are drawn once it is complete.
      run: { kind: 'stepped', to: 2 },
    },
    {
      title: 'Sparse: one W per sample',
      text: [
        'Row n of Y depends on row n of X only: Y[n] = W·X[n] + b. So',
        '∂Y[n,i]/∂X[m,j] = W[i,j] if n = m, and 0 if n ≠ m.',
        'Yes, it is sparse by definition, whatever the weights: as a matrix it is **block-diagonal**, 64 copies of the 512×1024 W on the diagonal and zeros elsewhere. Only 1/64 of it can be non-zero: 33,554,432 entries.',
        "The backward step through fc1 has run: the Backprop panel draws J from that structure, tile by tile, using about 1 MiB instead of 8 GiB.",
      ].join('\n\n'),
      highlight: { nodes: ['fc1'], edges: ['e1'] },
      open: { bottom: 'backprop' },
      run: { kind: 'stepped', to: 4 },
    },
    {
      title: 'No Jacobian needed: δX = δY·W',
      text: [
        'Backprop needs δX = ∂L/∂X, not J. Summing over J’s non-zero entries only:',
        'δX[m,j] = Σᵢ δY[m,i]·W[i,j],  that is  **δX = δY·W**',
        'A 64×512 by 512×1024 product: 33,554,432 multiply-adds and no memory beyond δX. Multiplying δY by a materialised J would take 8 GiB and 2,147,483,648 multiply-adds for the same numbers, 63 of every 64 of them by zero.',
        'In the panel: g = δY, J, and gᵀJ = δX (64×1024).',
      ].join('\n\n'),
      highlight: { nodes: ['fc1'], edges: ['e1'] },
      open: { bottom: 'backprop' },
    },
    {
      title: '∂Y/∂W: larger still',
      text: [
        'With respect to the weights, ∂Y[n,i]/∂W[k,j] = X[n,j] if i = k, else 0: output i only uses row i of W.',
        '1. Shape **(64, 512, 512, 1024)**: 17,179,869,184 entries, 64 GiB as float32.\n2. Sparse: at most 1 in 512 entries is non-zero (33,554,432 here).\n3. Not materialised either: **δW = δYᵀ·X** (512×64 by 64×1024) and δb = Σₙ δY[n], the sums over the batch the homework’s `backward()` computes.',
        'Open the Jacobian on the edge again and switch to ∂Y/∂W to see its row blocks.',
      ].join('\n\n'),
      highlight: { nodes: ['fc1'], edges: ['e1'] },
      open: { bottom: 'backprop' },
    },
    {
      title: 'Check the answer',
      text: [
        'If δX = δY·W and δW = δYᵀ·X are right, they match finite differences of the loss. **Check gradients** compares them in float64, as the homework compares with autograd.',
        'A layer this large is checked on its first samples and a sample of entries, stated in the report.',
      ].join('\n\n'),
      highlight: { nodes: ['fc1'], edges: [] },
      open: { bottom: 'gradcheck' },
    },
  ],
};
