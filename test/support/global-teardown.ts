import { withClient } from './postgres.js';
import { runState } from './run-state.js';

/** Drops the templates and stops the throwaway Postgres the global setup started. */
export default async function globalTeardown(): Promise<void> {
  const state = runState();
  if (!state) return;
  for (const template of state.templates) {
    await withClient(state.adminUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`),
    ).catch(() => undefined);
  }
  await state.stop();
}
