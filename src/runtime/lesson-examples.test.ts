import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModelDocument, type Lesson, type ModelDocument } from '../model';
import { EngineService } from './service';
import type { StepReport, TrainProgress } from './protocol';

/**
 * The built-in lessons state figures of their models ("L = 2.311", "4,571 of 10,000"). Each
 * is recomputed here the way the app computes it (the engine service, the document's seed
 * and batch) and must appear in the step's text as written, so a change to the engine, the
 * seeding or the examples that moves a figure fails here rather than misleading a learner.
 */

function exampleDoc(file: string): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL(`../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

function lessonDoc(file: string): ModelDocument & { lesson: Lesson } {
  const r = parseModelDocument(readFileSync(new URL(`../../public/examples/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  if (!r.doc.lesson) throw new Error(`${file} has no lesson`);
  return r.doc as ModelDocument & { lesson: Lesson };
}

/** The text of the step titled `title`. */
function stepText(doc: { lesson: Lesson }, title: string): string {
  const step = doc.lesson.steps.find((s) => s.title === title);
  if (!step) throw new Error(`no step titled ${title}`);
  return step.text;
}

const fixed = (x: number, digits: number) => x.toFixed(digits);
const grouped = (n: number) => n.toLocaleString('en-US');

/** Runs a stepped pass to the end and returns its reports, position 1 first. */
function steppedPass(s: EngineService): StepReport[] {
  s.stepReset();
  const out: StepReport[] = [];
  for (;;) {
    const r = s.stepNext();
    out.push(r);
    if (r.done) return out;
  }
}

describe('The chain rule on the homework MLP', () => {
  const doc = lessonDoc('lesson-chain-rule.json');
  const s = new EngineService();
  s.load(doc, { weights: 'document' });
  const steps = steppedPass(s);
  const at = (position: number) => steps[position - 1];
  const dIn = (position: number) => at(position).backward!.dIn;

  it('runs its passes to the layers its steps talk about', () => {
    const runs = doc.lesson.steps.map((st) => (st.run?.kind === 'stepped' ? at(st.run.to).label : null));
    expect(runs).toEqual([
      'Forward 8/8: Cross-entropy loss',
      'Backward 1/8: Cross-entropy loss',
      'Backward 2/8: Linear(100 → 10)',
      'Backward 3/8: ReLU',
      'Backward 6/8: Linear(100 → 50)',
      'Backward 8/8: Linear(10 → 100)',
      null,
    ]);
  });

  it('states the loss and the first gradient as the engine computes them', () => {
    const loss = at(8).loss!;
    expect(stepText(doc, 'Forward first')).toContain(`L = ${fixed(loss, 3)}`);
    expect(Math.abs(loss - Math.log(10))).toBeLessThan(0.05);
    const g = dIn(9);
    const text = stepText(doc, 'The loss: where g starts');
    expect(text).toContain(`from −${fixed(-g.min, 4)} to ${fixed(g.max, 4)}`);
    expect(text).toContain(`‖∂L/∂s‖ = ${fixed(g.norm, 3)}`);
    expect(g.min).toBeGreaterThanOrEqual(-0.01);
    expect(g.max).toBeLessThanOrEqual(0.01);
  });

  it("states fc4's Jacobian and the norms along the way", () => {
    const j = s.jacobian('fc4');
    const text = stepText(doc, 'fc4: g·J, with J made of W');
    expect(text).toContain(`${grouped(j.rows)} × ${grouped(j.cols)} = ${grouped(j.entries)} entries`);
    expect(text).toContain(`only ${grouped(j.nonZeros)} are non-zero`);
    expect(j.pattern).toBe('block-diagonal');
    expect(text).toContain(`‖∂L/∂X‖ = ${fixed(dIn(10).norm, 3)}`);
  });

  it("states relu3's active units and the drop in the norm", () => {
    const j = s.jacobian('relu3');
    const text = stepText(doc, 'relu3: a diagonal Jacobian');
    expect(j.pattern).toBe('diagonal');
    expect(text).toContain(`Of the ${grouped(j.rows)} entries on that diagonal only **${grouped(j.nonZeros)}** are 1 here (${fixed((100 * j.nonZeros) / j.rows, 1)}%)`);
    expect(text).toContain(`drops from ${fixed(dIn(10).norm, 3)} to ${fixed(dIn(11).norm, 3)}`);
  });

  it('states the norms down to the input and fc1’s weight gradient', () => {
    const chain = [11, 12, 13, 14].map((p) => fixed(dIn(p).norm, 3)).join(' → ');
    expect(stepText(doc, 'The same move, layer after layer')).toContain(`‖g‖ goes ${chain}`);
    const text = stepText(doc, 'Down to fc1');
    expect(text).toContain(`‖∂L/∂x‖ = ${fixed(dIn(16).norm, 4)}`);
    expect(text).toContain(`down from ${fixed(dIn(9).norm, 3)} at the loss`);
    // The legend's rate: the geometric mean of the shrinking over the layers with weights.
    expect(text).toContain(`×${fixed((dIn(16).norm / dIn(9).norm) ** (1 / 4), 2)} per layer`);
    const w = at(16).backward!.params.find((p) => p.name === 'w')!;
    expect(w.grad.shape).toEqual([100, 10]);
    expect(text).toContain(`‖∂L/∂θ‖ = ${fixed(at(16).backward!.gradNorm.params, 3)}`);
  });
});

describe("Question 1: the Linear layer's Jacobian", () => {
  const doc = lessonDoc('lesson-question-1.json');
  const s = new EngineService();
  s.load(doc, { weights: 'document' });
  const steps = steppedPass(s);
  const wrtX = s.jacobian('fc1', 'input');
  const wrtW = s.jacobian('fc1', 'w');
  const GiB = 2 ** 30;

  it('runs its passes to the layer its steps talk about', () => {
    const runs = doc.lesson.steps.map((st) => (st.run?.kind === 'stepped' ? steps[st.run.to - 1].label : null));
    expect(runs).toEqual(['Forward 1/2: Linear(1024 → 512)', 'Forward 2/2: Cross-entropy loss', 'Backward 2/2: Linear(1024 → 512)', null, null, null]);
  });

  it('states the shape, size and sparsity of ∂Y/∂X', () => {
    const shape = stepText(doc, 'The shape of ∂Y/∂X');
    expect(shape).toContain(`**(${wrtX.shape.join(', ')})**`);
    expect(shape).toContain(`${grouped(wrtX.rows)} × ${grouped(wrtX.cols)} matrix with **${grouped(wrtX.entries)} entries**: ${wrtX.bytesFloat32 / GiB} GiB as float32`);
    const sparse = stepText(doc, 'Sparse: one W per sample');
    expect(wrtX.pattern).toBe('block-diagonal');
    expect(wrtX.entries / wrtX.nonZeros).toBe(64);
    expect(sparse).toContain(`Only 1/64 of it can be non-zero: ${grouped(wrtX.nonZeros)} entries`);
    expect(sparse).toContain(`using about ${Math.round(wrtX.bytesUsed / 2 ** 20)} MiB instead of ${wrtX.bytesFloat32 / GiB} GiB`);
  });

  it('counts the work of δX = δY·W against multiplying by J', () => {
    const text = stepText(doc, 'No Jacobian needed: δX = δY·W');
    const [n, out, , inF] = wrtX.shape;
    expect(text).toContain(`${grouped(n * out * inF)} multiply-adds and no memory beyond δX`);
    expect(text).toContain(`${wrtX.bytesFloat32 / GiB} GiB and ${grouped(wrtX.rows * wrtX.cols)} multiply-adds`);
    expect(steps[3].backward!.dIn.shape).toEqual([n, inF]);
  });

  it('states the shape, size and sparsity of ∂Y/∂W', () => {
    const text = stepText(doc, '∂Y/∂W: larger still');
    expect(wrtW.pattern).toBe('row-blocks');
    expect(text).toContain(`Shape **(${wrtW.shape.join(', ')})**: ${grouped(wrtW.entries)} entries, ${wrtW.bytesFloat32 / GiB} GiB as float32`);
    expect(wrtW.entries / wrtW.nonZeros).toBe(512);
    expect(text).toContain(`at most 1 in 512 entries is non-zero (${grouped(wrtW.nonZeros)} here)`);
    const w = steps[3].backward!.params.find((p) => p.name === 'w')!;
    expect(w.grad.shape).toEqual([512, 1024]);
  });
});

describe('Vanishing gradients', () => {
  const doc = lessonDoc('lesson-vanishing-gradients.json');
  const relu = exampleDoc('deep-relu.json');
  const text = (title: string) => stepText(doc, title);
  /** "5.5·10⁻¹¹", as the lesson writes a small number. */
  const sci = (x: number) => {
    const e = Math.floor(Math.log10(x));
    const m = x / 10 ** e;
    const sup = String(e).replace('-', '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[+d]);
    return `${m.toFixed(1).replace(/\.0$/, '')}·10${sup}`;
  };
  // The legend's figure: the norm's mean change per layer with weights, from the loss back to the input.
  const gain = (norms: Record<string, number>) => (norms.e1 / norms.e18) ** (1 / 9);

  function engine(d: ModelDocument) {
    const s = new EngineService();
    s.load(d, { weights: 'document' });
    return s;
  }
  async function trained(d: ModelDocument) {
    const s = engine(d);
    const progress: TrainProgress[] = [];
    const end = await s.train((p) => progress.push(p));
    return { end: end!, points: progress.flatMap((p) => p.points), norms: progress.flatMap((p) => p.gradNorms) };
  }
  const spreadOf = (p: { norms: Record<string, { params: number }> }) => {
    const byLayer = linears.map((id) => p.norms[id].params);
    return Math.max(...byLayer) / Math.min(...byLayer);
  };
  const linears = ['fc1', 'fc2', 'fc3', 'fc4', 'fc5', 'fc6', 'fc7', 'fc8', 'fc9'];

  it("shows the ReLU network by its example on the ReLU steps, whose passes stop where the text says", () => {
    expect(doc.lesson.steps.map((s) => s.example ?? null)).toEqual([null, null, null, 'deep-relu.json', 'deep-relu.json', 'deep-relu.json', 'deep-relu.json']);
    const sig = steppedPass(engine(doc));
    const rel = steppedPass(engine(relu));
    expect(sig[20].label).toBe('Backward 3/18: Sigmoid');
    expect(sig[20].nodeId).toBe('sigmoid8');
    expect(rel[20].nodeId).toBe('relu8');
  });

  it('states the sigmoid network’s gradient at the loss and at the input, and the legend’s rate', () => {
    const b = engine(doc).backward();
    const t = text('Nine layers of sigmoid');
    expect(t).toContain(`**${fixed(b.edgeGradNorms.e18, 2)}** where the gradient leaves the loss, **${sci(b.edgeGradNorms.e1)}** where it reaches the input`);
    expect(Math.round(Math.log10(b.edgeGradNorms.e18 / b.edgeGradNorms.e1))).toBe(9);
    expect(t).toContain(`×${gain(b.edgeGradNorms).toPrecision(2)} per layer`);
  });

  it('states what sigmoid8 and fc8 do to the gradient', () => {
    const s = engine(doc);
    const b = s.backward();
    const n = b.edgeGradNorms;
    const t = text('Why: σ′ ≤ 1/4');
    const j = s.jacobian('sigmoid8');
    const diagonal = Array.from({ length: j.rows }, (_, i) => j.dense![i * j.cols + i]);
    expect(Math.max(...diagonal)).toBeLessThanOrEqual(0.25);
    expect(t).toContain(`between ${fixed(Math.min(...diagonal), 2)} and 0.25`);
    expect(t).toContain(`‖g‖ goes ${fixed(n.e17, 3)} → ${fixed(n.e16, 3)}`);
    expect(n.e16 / n.e17).toBeCloseTo(0.25, 1);
    expect(t).toContain(`×${fixed(n.e15 / n.e16, 2)}`);
    expect((n.e15 / n.e16) * (n.e16 / n.e17)).toBeCloseTo(0.1, 1);
    const g = gain(n);
    expect(t).toContain(`${g.toPrecision(2)}⁹ ≈ ${sci(g ** 9).replace(/^(\d)\.\d/, '$1')}`);
  });

  it('states the sigmoid network’s training: the gradients fan out by layer, and it learns nothing', async () => {
    const { end, points, norms } = await trained(doc);
    expect(end.step).toBe(3000);
    expect(doc.training).toMatchObject({ optimizer: { kind: 'sgd', lr: 0.5 } });
    // In layer order from fc4 up; the first three (which trade places now and then) at the bottom.
    for (const p of norms) {
      const byLayer = linears.map((id) => p.norms[id].params);
      for (let i = 4; i < byLayer.length; i++) expect(byLayer[i], `step ${p.step}`).toBeGreaterThan(byLayer[i - 1]);
      expect(Math.max(...byLayer.slice(0, 3)), `step ${p.step}`).toBeLessThan(1e-5);
    }
    const t = text('Trained: the first layers never move');
    expect(t).toContain('down to fc4, each below the one after it; fc1 to fc3 stay under 10⁻⁵ throughout');
    expect(t).toContain(`fc1’s gradient is **${sci(norms[0].norms.fc1.params).replace(/^(\d)\.\d/, '$1')}** against fc9’s **${fixed(norms[0].norms.fc9.params, 1)}**`);
    const last = points[points.length - 1];
    expect(t).toContain(`test loss ends at ${fixed(last.testLoss!, 3)} = ln 2`);
    expect(last.testLoss!).toBeCloseTo(Math.log(2), 3);
    expect(t).toContain(`test accuracy at **${Math.round(100 * last.testAccuracy!)}%**`);
  });

  it('states the ReLU network’s gradients and what relu8 passes on', () => {
    const s = engine(relu);
    const n = s.backward().edgeGradNorms;
    const t = text('The same depth with ReLU');
    expect(t).toContain(`**${fixed(n.e18, 2)}** at the loss and still **${fixed(n.e1, 3)}** at the input`);
    expect(t).toContain(`healthy, ×${gain(n).toPrecision(2)} per layer`);
    // Most of the drop is at fc1: from the loss to fc1's output it is far smaller than across fc1.
    expect(n.e18 / n.e2).toBeLessThan(n.e2 / n.e1);
    const j = s.jacobian('relu8');
    const w = text('Why ReLU keeps the gradient');
    expect(w).toContain(`relu8 lets ${j.nonZeros} of its ${j.rows} (${Math.round((100 * j.nonZeros) / j.rows)}%) through`);
    expect(w).toContain(`take ‖g‖ from ${fixed(n.e17, 2)} to ${fixed(n.e15, 2)}`);
    expect(relu.nodes.find((x) => x.id === 'fc8')?.params).toMatchObject({ wstd: 0.35 });
  });

  it('states the ReLU network’s training: the layers’ gradients stay together, and it learns', async () => {
    const { end, points, norms } = await trained(relu);
    expect(end.step).toBe(3000);
    expect(relu.training).toMatchObject({ optimizer: { kind: 'sgd', lr: 0.1 } });
    const spread = Math.max(...norms.map(spreadOf));
    const sigmoid = Math.min(...(await trained(doc)).norms.map(spreadOf));
    const t = text('Trained: every layer learns');
    expect(t).toContain(`at most ${Math.ceil(spread)}× the smallest`);
    expect(t).toContain(`never fell below 10${'⁰¹²³⁴⁵⁶⁷⁸⁹'[Math.floor(Math.log10(sigmoid))]}×`);
    const last = points[points.length - 1];
    expect(t).toContain(`test accuracy reaches **${fixed(100 * last.testAccuracy!, 1)}%**`);
  });
});
