/** The real `python3` (with PyTorch, onnx and onnxruntime; `.ci/run` installs them) for the exporters' tests. */
import { spawnSync } from 'node:child_process';

let interpreter: string | null = null;

/** The real interpreter behind `python3` (a version manager's shim would add a second per call). */
export function pythonExecutable(): string {
  if (interpreter) return interpreter;
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`python3 could not be started: ${r.error?.message ?? r.stderr}`);
  interpreter = r.stdout.trim();
  return interpreter;
}

/** Runs `python3 <args>` in `cwd`; throws with its stderr when it fails. */
export function python(args: string[], cwd: string): { stdout: string; stderr: string } {
  const r = spawnSync(pythonExecutable(), args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  if (r.error) throw new Error(`python3 could not be started: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`python3 ${args.join(' ')} exited with ${r.status}:\n${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}
