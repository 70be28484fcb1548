import type { Lesson } from '../../src/model/lesson';

/**
 * The deep sigmoid network beside the deep ReLU one. A document holds one chain, so the
 * lesson is written on the sigmoid network and its ReLU steps show the deep-relu example
 * (a step's `example`). Training steps start from the opening weights, so every visit shows
 * the same run; src/runtime/lesson-examples.test.ts recomputes every figure the text states.
 */
export const vanishingGradientsLesson: Lesson = {
  title: 'Vanishing gradients',
  controls: { palette: 'hide', side_panel: 'hide', graph: 'lock', training_settings: 'lock' },
  steps: [
    {
      title: 'Nine layers of sigmoid',
      text: [
        'Nine Linear layers, a sigmoid after each of the first eight (2 → 16 → … → 16 → 2), learning to tell two circles apart. The weights start small (std 0.1).',
        'One backward pass has run. Each edge’s width and colour follow ‖∂L/∂x‖ on a log scale: **0.13** where the gradient leaves the loss, **5.5·10⁻¹¹** where it reaches the input, nine orders of magnitude smaller.',
        'The legend’s verdict: vanishing, ×0.091 per layer with weights.',
      ].join('\n\n'),
      highlight: { nodes: ['input', 'loss'], edges: ['e18', 'e1'] },
      // The canvas is the view here: the panel at its usual height.
      open: { bottom: 'messages', bottom_height: 250 },
      run: { kind: 'backward' },
    },
    {
      title: 'Why: σ′ ≤ 1/4',
      text: [
        'A sigmoid’s Jacobian is diagonal, with σ′(z) = σ(z)(1 − σ(z)) on the diagonal: at most **1/4**, reached at z = 0. With small weights z stays near 0, so here the whole diagonal lies between 0.24 and 0.25 (J in the panel).',
        'So sigmoid8 passes on a quarter of the gradient: ‖g‖ goes 0.042 → 0.011. The Linear below it shrinks it again, ×0.39, since its small weights make ‖Wᵀg‖ smaller than ‖g‖.',
        'The chain rule multiplies these factors, layer after layer: about 0.1 per Linear–sigmoid pair, and 0.091⁹ ≈ 4·10⁻¹⁰ over the nine.',
      ].join('\n\n'),
      highlight: { nodes: ['sigmoid8'], edges: ['e16'] },
      open: { bottom: 'backprop', bottom_height: 300 },
      run: { kind: 'stepped', to: 21 },
    },
    {
      title: 'Trained: the first layers never move',
      text: [
        'Training has run: plain SGD, learning rate 0.5, 3,000 steps. The chart plots each layer’s ‖∂L/∂θ‖ on a log axis, and the lines fan out: fc9 on top, then fc8, fc7 and so on down to fc4, each below the one after it; fc1 to fc3 stay under 10⁻⁵ throughout.',
        'At the first point fc1’s gradient is **3·10⁻¹⁰** against fc9’s **0.2**. An SGD step moves fc1’s weights by 0.5 × that: not at all. The last layers learn on top of features that stay random.',
        'The test loss ends at 0.693 = ln 2 and the test accuracy at **50%** (Curves tab): a coin toss, for two balanced classes.',
      ].join('\n\n'),
      open: { bottom: 'gradnorms', bottom_height: 400 },
      speed: 'full',
      run: { kind: 'train' },
    },
    {
      title: 'The same depth with ReLU',
      text: [
        'Now the *Deep ReLU network* example: the same nine Linear layers, with ReLU instead of sigmoid and weights of std √(2/16) ≈ 0.35 (He initialisation).',
        'Its backward pass: ‖∂L/∂x‖ is **0.12** at the loss and still **0.023** at the input. The legend says healthy, ×0.83 per layer with weights, and most of that drop is fc1’s, with its 2 inputs.',
      ].join('\n\n'),
      example: 'deep-relu.json',
      highlight: { nodes: ['input', 'loss'], edges: ['e18', 'e1'] },
      // The canvas is the view here: the panel at its usual height.
      open: { bottom: 'messages', bottom_height: 250 },
      run: { kind: 'backward' },
    },
    {
      title: 'Why ReLU keeps the gradient',
      text: [
        'ReLU’s Jacobian is diagonal too, but its entries are **1** for every active unit and 0 for the others: the gradient passes through unchanged where it passes at all. relu8 lets 306 of its 512 (60%) through.',
        'He initialisation sets the weights’ variance to 2/fan_in, twice the 1/fan_in that would keep a Linear’s gain at 1, to make up for the half of the units ReLU switches off. Each Linear–ReLU pair then keeps the gradient’s size on average: relu8 and fc8 together take ‖g‖ from 0.14 to 0.17.',
      ].join('\n\n'),
      example: 'deep-relu.json',
      highlight: { nodes: ['relu8'], edges: ['e16'] },
      open: { bottom: 'backprop', bottom_height: 300 },
      run: { kind: 'stepped', to: 21 },
    },
    {
      title: 'Trained: every layer learns',
      text: [
        'The ReLU network trained the same way (SGD, 3,000 steps, learning rate 0.1): the chart’s lines stay together. At every point the largest layer gradient is at most 48× the smallest; in the sigmoid network the gap never fell below 10⁵×. Every layer gets a gradient it can learn from.',
        'The test accuracy reaches **97.5%** (Curves tab), against the sigmoid network’s 50%.',
      ].join('\n\n'),
      example: 'deep-relu.json',
      open: { bottom: 'gradnorms', bottom_height: 400 },
      speed: 'full',
      run: { kind: 'train' },
    },
    {
      title: 'What to take away',
      text: [
        'Backprop multiplies one Jacobian per layer, so through a deep chain the gradient’s size is a product of per-layer gains:',
        '- below 1 (a sigmoid’s σ′ ≤ 1/4, small weights): it **vanishes** exponentially with depth, and the first layers stop learning;\n- above 1 (large weights): it **explodes** the same way;\n- near 1 (ReLU with He initialisation): every layer learns.',
        'Residual connections (J = I + …) and normalisation layers are later answers to the same product.',
      ].join('\n\n'),
      example: 'deep-relu.json',
    },
  ],
};
