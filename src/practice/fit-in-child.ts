import { spawn } from 'node:child_process';
import type { FitRequest, FitResponse } from './fit-parameters.child.js';

const CHILD = new URL('./fit-parameters.child.js', import.meta.url);
/** Stderr kept for the error message: enough for a Rust panic's first lines. */
const STDERR_LIMIT = 4000;

/**
 * Runs one fit in a child process and returns its answer. A crash of the fitter (a Rust
 * panic aborts the process) rejects with what it printed; so do a timeout and an abort
 * signal, which kill the child.
 */
export function fitInChildProcess(
  request: FitRequest,
  { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number },
): Promise<FitResponse> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD.pathname], {
      stdio: ['pipe', 'pipe', 'pipe'],
      signal,
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < STDERR_LIMIT) err += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code, killedBy) => {
      if (code === 0) {
        try {
          resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as FitResponse);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
        return;
      }
      const how = killedBy ? `was killed (${killedBy})` : `exited with code ${code}`;
      reject(new Error(`the FSRS fit ${how}: ${err.trim().slice(0, STDERR_LIMIT)}`));
    });
    // A child that dies before reading its input closes the pipe; the close event reports it.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(request));
  });
}
