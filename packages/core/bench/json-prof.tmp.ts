import { createPartialJSON } from '@tokenpaint/core';
import { catalogDocument, deltasOf } from './json-docs.ts';
let sink: unknown;
for (const size of [100, 1024]) {
  const text = catalogDocument(size * 1024); const deltas = deltasOf(text, 8);
  let best = Infinity, bestPush = Infinity;
  for (let r = 0; r < 6; r++) {
    let t0 = performance.now();
    const p = createPartialJSON();
    for (const d of deltas) { p.push(d); sink = p.value; }
    best = Math.min(best, performance.now() - t0);
    t0 = performance.now();
    const q = createPartialJSON();
    for (const d of deltas) q.push(d);
    sink = q.value;
    bestPush = Math.min(bestPush, performance.now() - t0);
  }
  console.log(size, 'read-each', best.toFixed(1), 'push-only', bestPush.toFixed(1));
}
void sink;
