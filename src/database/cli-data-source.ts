import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';

/** Entry point for the TypeORM CLI (run through `npm run migration:*`, which sets DATABASE_URL). */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set: run the TypeORM CLI through `npm run migration:*`.');

export default new DataSource(
  dataSourceOptions({
    url,
    poolSize: 2,
    onPoolError: (error) => console.error(`postgres pool error: ${error.message}`),
  }),
);
