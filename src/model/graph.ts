/**
 * Graph facts the compiler and the editor both need, on plain id lists so the
 * editor can ask them about a connection before it exists.
 */

export interface EdgeLike {
  id: string;
  source: string;
  target: string;
}

/** True when adding source → target would close a directed cycle (or is a self-loop). */
export function wouldCreateCycle(edges: readonly EdgeLike[], source: string, target: string): boolean {
  if (source === target) return true;
  const out = adjacency(edges);
  // A cycle appears iff source is reachable from target.
  const seen = new Set<string>([target]);
  const stack = [target];
  while (stack.length) {
    const n = stack.pop()!;
    for (const e of out.get(n) ?? []) {
      if (e.target === source) return true;
      if (!seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
    }
  }
  return false;
}

export function adjacency(edges: readonly EdgeLike[]): Map<string, EdgeLike[]> {
  const out = new Map<string, EdgeLike[]>();
  for (const e of edges) {
    const list = out.get(e.source);
    if (list) list.push(e);
    else out.set(e.source, [e]);
  }
  return out;
}

/**
 * The edges that lie on a directed cycle, grouped by strongly connected component
 * (Tarjan's algorithm, iterative so deep chains cannot overflow the stack).
 */
export function cycleEdges(nodeIds: readonly string[], edges: readonly EdgeLike[]): EdgeLike[][] {
  const out = adjacency(edges);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  let counter = 0;
  let comps = 0;
  for (const root of nodeIds) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const succ = out.get(frame.node) ?? [];
      if (frame.next < succ.length) {
        const w = succ[frame.next++].target;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.set(w, comps);
        } while (w !== frame.node);
        comps++;
      }
    }
  }
  const groups = new Map<number, EdgeLike[]>();
  for (const e of edges) {
    const c = comp.get(e.source);
    if (c === undefined || c !== comp.get(e.target)) continue;
    const g = groups.get(c);
    if (g) g.push(e);
    else groups.set(c, [e]);
  }
  return [...groups.values()];
}
