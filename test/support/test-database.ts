import { ADMIN_URL_ENV, databaseUrl, EMPTY_TEMPLATE_ENV, TEMPLATE_ENV, uniqueName, withClient } from './postgres.js';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh database cloned from a template the global setup prepared: `fixture-bank`
 * (migrated, the fixture bank synced) or `empty` (migrated only).
 */
export async function createTestDatabase(from: 'fixture-bank' | 'empty' = 'fixture-bank'): Promise<TestDatabase> {
  const adminUrl = process.env[ADMIN_URL_ENV];
  const template = process.env[from === 'empty' ? EMPTY_TEMPLATE_ENV : TEMPLATE_ENV];
  if (!adminUrl || !template) {
    throw new Error(`${ADMIN_URL_ENV} and the template names are unset: run the tests with \`npm test\`.`);
  }
  const name = uniqueName('interval_test');
  await withClient(adminUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Two clones starting at the same instant can see each other on the template; try again.
        const isBusy = /being accessed by other users/.test((error as Error).message);
        if (!isBusy || attempt === 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () =>
      withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
