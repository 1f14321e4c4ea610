import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.js';
import { dataSourceOptions } from '../database/data-source.js';
import { openDatabaseServer } from '../database/database-server.js';
import { Sql } from '../database/sql.js';
import { AccountRepository } from './account.repository.js';
import { normaliseEmail } from './password-policy.js';

/** `npm run user:promote -- <email>`: makes an existing account an admin. */
async function main(): Promise<number> {
  const email = process.argv[2];
  if (!email) {
    console.error('usage: npm run user:promote -- <email>');
    return 2;
  }
  const config = loadConfig({ env: process.env, cwd: process.cwd(), isTty: false });
  const server = await openDatabaseServer({ config, log: () => undefined, canAttach: true });
  const dataSource = new DataSource(dataSourceOptions({ url: server.url, poolSize: 1, onPoolError: () => undefined }));
  try {
    await dataSource.initialize();
    if (!(await new AccountRepository(new Sql(dataSource)).setRoleByEmail(normaliseEmail(email), 'admin'))) {
      console.error(`user:promote: no account has the email ${email}`);
      return 1;
    }
    console.log(`user:promote: ${email} is now an admin`);
    return 0;
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`user:promote: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
