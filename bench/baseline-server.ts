import Fastify from 'fastify';
import pg from 'pg';
import { questionDetailSql, searchActiveSql } from '../src/questions/question.queries.js';

/**
 * The raw baseline: Fastify and a pg pool running the app's own SQL (imported from the same
 * module), with no Nest, no TypeORM, no validation pipe. What the app is compared against.
 */
const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 3100);
const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);
if (!url) throw new Error('DATABASE_URL is required');

const pool = new pg.Pool({ connectionString: url, max: poolSize });
pool.on('error', () => undefined);
const app = Fastify({ logger: false });
const PAGE = 20;

app.get<{ Querystring: { q?: string } }>('/api/questions', async (request) => {
  const { text, values } = searchActiveSql({ query: request.query.q ?? '', filter: {}, limit: PAGE + 1 });
  const { rows } = await pool.query(text, values);
  return { items: rows.slice(0, PAGE), nextCursor: rows.length > PAGE ? 'more' : null };
});

app.get<{ Params: { slug: string } }>('/api/questions/:slug', async (request, reply) => {
  const { text, values } = questionDetailSql({ slug: request.params.slug });
  const { rows } = await pool.query(text, values);
  if (rows.length === 0) return reply.code(404).send({ code: 'question.not-found' });
  return rows[0];
});

app.get('/health', async () => ({ status: 'ok' }));

await app.listen({ port, host: '127.0.0.1' });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
