/**
 * What the global setup leaves for the global teardown: Jest runs both in its main process,
 * where a module-level value survives from one to the other.
 */
export interface RunState {
  adminUrl: string;
  templates: string[];
  stop(): Promise<void>;
}

const KEY = Symbol.for('interval.test.run-state');

export function setRunState(state: RunState): void {
  (globalThis as Record<symbol, unknown>)[KEY] = state;
}

export function runState(): RunState | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as RunState | undefined;
}
