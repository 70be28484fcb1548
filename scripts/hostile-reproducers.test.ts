import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every known hostile document, run in a child process with a 2 GiB heap (a browser tab's
 * budget) through parse → analysis → compile → engine load → training: each must end in a
 * clear refusal or a working model. A reproducer that hangs past the script's bound, or a
 * process that runs out of memory, fails here. The times are printed, not asserted tightly:
 * how fast is for the benchmarks, never hanging is for this test.
 */
describe('hostile reproducers in a 2 GiB heap', () => {
  it('each ends in a clear refusal or a working model, and the process survives them all', () => {
    const script = fileURLToPath(new URL('./hostile-reproducers.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--max-old-space-size=2048', '--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, HOSTILE_LIMIT_MS: '10000' },
    });
    const out = child.stdout ?? '';
    process.stdout.write(out.split('\n').filter((l) => !l.startsWith('RESULTS')).join('\n'));
    expect(child.signal, `the process was killed: ${child.stderr}`).toBeNull();
    const line = out.split('\n').find((l) => l.startsWith('RESULTS '));
    expect(line, `no results; stderr: ${child.stderr?.slice(-2000)}`).toBeDefined();
    const { results } = JSON.parse(line!.slice('RESULTS '.length)) as { results: { name: string; ms: number; ok: boolean; outcome: string }[] };
    for (const r of results) expect(r.ok, `${r.name} (${r.ms} ms): ${r.outcome}`).toBe(true);
    expect(child.status).toBe(0);
    const names = results.map((r) => r.name).join('\n');
    for (const must of [/50,000,000 characters/, /ring of 9,999 ReLUs/, /^10,000 parallel edges/m, /100,000 parallel edges/, /fc1 out_features = 1,000,000/, /Input 1 → Linear 1,000,000 on a 100,000-sample/, /deflate bomb/]) {
      expect(names).toMatch(must);
    }
  }, 180_000);
});
