import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';

export const ADMIN_URL_ENV = 'INTERVAL_TEST_ADMIN_URL';
export const TEMPLATE_ENV = 'INTERVAL_TEST_TEMPLATE';
export const EMPTY_TEMPLATE_ENV = 'INTERVAL_TEST_EMPTY_TEMPLATE';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
