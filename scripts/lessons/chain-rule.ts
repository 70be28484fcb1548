import type { Lesson } from '../../src/model/lesson';

/**
 * The chain rule on the homework's MLP, stepped backward one layer at a time. Every figure
 * the text states is the app's own (seed 42, the document's random batch); the test
 * src/runtime/lesson-examples.test.ts recomputes each one with the engine.
 */
export const chainRuleLesson: Lesson = {
  title: 'The chain rule on the homework MLP',
  controls: { palette: 'hide', side_panel: 'hide', graph: 'lock' },
  steps: [
    {
      title: 'Forward first',
      text: [
        "The homework's `MLP(10, 10, [100, 50, 100])`: fc1 → ReLU → fc2 → ReLU → fc3 → ReLU → fc4, then cross-entropy, on a batch of N = 100 random samples with 10 classes.",
        'The forward pass has run, one layer at a time, up to the loss: **L = 2.311**. The initial weights are small, so the 10 class scores are nearly equal, the softmax is nearly uniform and L ≈ ln 10 ≈ 2.303.',
        'Backprop now goes the other way. Each layer receives g = ∂L/∂(its output) and sends down **g·J = ∂L/∂(its input)**, J being its own Jacobian. Press → to take the first backward step.',
      ].join('\n\n'),
      highlight: { nodes: ['loss'], edges: [] },
      open: { bottom: 'backprop' },
      run: { kind: 'stepped', to: 8 },
    },
    {
      title: 'The loss: where g starts',
      text: [
        'The backward pass starts at the loss. L is the mean of the per-sample losses ℓ[n], so the panel’s g = ∂L/∂ℓ is 1/N = 0.01 for each of the N = 100 samples. Cross-entropy’s Jacobian J = ∂ℓ/∂s is block-diagonal: one 1×10 row per sample, softmax(s[n]) − onehot(y[n]). Their product:',
        'gᵀJ = ∂L/∂s[n] = (softmax(s[n]) − onehot(y[n])) / N',
        'Every row sums to 0 and every entry lies between −0.01 and 0.01: here from −0.0092 to 0.0013, with **‖∂L/∂s‖ = 0.095**. This 100×10 matrix is the g that fc4 receives.',
      ].join('\n\n'),
      highlight: { nodes: ['loss'], edges: ['e8'] },
      open: { bottom: 'backprop' },
      run: { kind: 'stepped', to: 9 },
    },
    {
      title: 'fc4: g·J, with J made of W',
      text: [
        'fc4 computes Y = X·Wᵀ + b, X being 100×100 and W 10×100. Its Jacobian ∂Y/∂X has 1,000 × 10,000 = 10,000,000 entries, but only 100,000 are non-zero: ∂Y[n,i]/∂X[m,j] = W[i,j] when n = m, else 0. One copy of W per sample.',
        'So g·J needs no J: **∂L/∂X = g·W** (100×10 times 10×100). The parameters get theirs the same way: ∂L/∂W = gᵀ·X and ∂L/∂b = the column sums of g.',
        'The VJP panel shows g, J and gᵀJ side by side. ‖∂L/∂X‖ = 0.091 goes down to relu3.',
      ].join('\n\n'),
      highlight: { nodes: ['fc4'], edges: ['e7'] },
      open: { bottom: 'backprop' },
      run: { kind: 'stepped', to: 10 },
    },
    {
      title: 'relu3: a diagonal Jacobian',
      text: [
        'ReLU acts on each entry alone, so its Jacobian is diagonal: ∂Y[n,i]/∂X[n,i] = 1 where X[n,i] > 0, else 0. Of the 10,000 entries on that diagonal only **4,571** are 1 here (45.7%): the other units were off in the forward pass.',
        'g·J is therefore a mask: **∂L/∂X = g ⊙ 1[X > 0]**. Every switched-off unit gets exactly 0, and the gradient’s norm drops from 0.091 to 0.061.',
      ].join('\n\n'),
      highlight: { nodes: ['relu3'], edges: ['e6'] },
      open: { bottom: 'backprop' },
      run: { kind: 'stepped', to: 11 },
    },
    {
      title: 'The same move, layer after layer',
      text: [
        'fc3, relu2 and fc2 each do the same thing, g ← g·J, with their own J (‖g‖ goes 0.061 → 0.045 → 0.032 → 0.032). Chained, this is the chain rule written from the loss backwards:',
        '∂L/∂x = ∂L/∂s · J(fc4) · J(relu3) · J(fc3) · J(relu2) · J(fc2) · J(relu1) · J(fc1)',
        'Multiplied from the left, every intermediate is a gradient the size of an activation (100×100 at most here), never a product of two Jacobians with millions of entries. That order is why reverse mode is cheap when the output is a single number.',
      ].join('\n\n'),
      highlight: { nodes: ['fc3', 'relu2', 'fc2'], edges: ['e5', 'e4', 'e3'] },
      open: { bottom: 'backprop' },
      run: { kind: 'stepped', to: 14 },
    },
    {
      title: 'Down to fc1',
      text: [
        'The last step reaches fc1 and sends ∂L/∂x to the input batch: ‖∂L/∂x‖ = 0.0076, down from 0.095 at the loss. Over the four layers with weights that is ×0.53 per layer, as the legend says: the gradient shrinks, but gently.',
        'On the way, each Linear layer has filled in its parameter gradients, shaped like the parameters: fc1’s ∂L/∂W is 100×10, and ‖∂L/∂θ‖ = 0.073 on its node counts W and b together.',
        "This is the homework's `backward(dout)`: it takes ∂L/∂(output), returns ∂L/∂(input) and keeps ∂L/∂W and ∂L/∂b for the optimizer.",
      ].join('\n\n'),
      highlight: { nodes: ['fc1'], edges: ['e1', 'e2'] },
      open: { bottom: 'backprop' },
      run: { kind: 'stepped', to: 16 },
    },
    {
      title: 'Check it',
      text: [
        "A backward pass is only as right as each layer's hand-written g·J. The homework checks them against PyTorch's autograd; here, **Check gradients** compares them with central finite differences, (L(θ + ε) − L(θ − ε)) / 2ε, in float64.",
        'Press it: the report lists `input diff=…` and one `param#` line per parameter, as in the homework.',
      ].join('\n\n'),
      open: { bottom: 'gradcheck' },
    },
  ],
};
