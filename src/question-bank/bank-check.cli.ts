import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { makeEphemeralDataDir, startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { ANSWER_ANALYSIS, answerAnalysisValues, TERM_QUERIES } from '../rubrics/rubric.queries.js';
import { named, type Statement } from '../database/statement.js';
import {
  analyseBank,
  analysisBatches,
  bankTerms,
  batchMatches,
  type AnalysedQuestion,
  type BankAnalysis,
  type TermMatch,
} from './analysis-report.js';
import { formatProblem } from './bank.js';
import { readBank } from './bank-reader.js';
import { formatReport } from './bank-report.js';

/**
 * `npm run bank:check [-- <dir>] [-- --report]`: the structural checks, then the answer
 * analysis run on the bank's own texts against a real Postgres (DATABASE_URL's, else a
 * throwaway embedded one). Every problem as `file:line: message`; non-zero exit on any.
 * `--report` prints the bank's figures too, pass or fail.
 */
async function main(): Promise<number> {
  const started = performance.now();
  const { values, positionals } = parseArgs({ options: { report: { type: 'boolean' } }, allowPositionals: true });
  const dir = resolve(positionals[0] ?? process.env.BANK_DIR ?? 'question-bank');
  const bank = await readBank(dir);
  const shown = (path: string) => relative(process.cwd(), join(dir, path));
  const questions: AnalysedQuestion[] = bank.entries;
  const analysis = await analyse(questions);

  const problems = [...bank.problems, ...analysis.problems];
  for (const problem of problems) console.log(formatProblem({ ...problem, path: shown(problem.path) }));
  for (const message of analysis.bankProblems) console.log(`${relative(process.cwd(), dir) || '.'}: ${message}`);
  if (values.report) {
    const report = formatReport({
      questions: questions.map((q) => ({ ...q, path: shown(q.path) })),
      analysis: { ...analysis, questions: analysis.questions.map((f) => ({ ...f, path: shown(f.path) })) },
      today: new Date().toISOString().slice(0, 10),
    });
    console.log(['', ...report, ''].join('\n'));
  }

  const count = problems.length + analysis.bankProblems.length;
  const topics = new Set(questions.map((q) => q.question.topic));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    count === 0
      ? `bank:check: ${questions.length} questions in ${topics.size} topics, no problems (${seconds} s)`
      : `bank:check: ${count} problem(s) (${seconds} s)`,
  );
  return count === 0 ? 0 : 1;
}

/** Runs the analysis statement on the bank's texts: one statement for the terms, one per topic. */
async function analyse(questions: readonly AnalysedQuestion[]): Promise<BankAnalysis> {
  return withDatabase(async (client) => {
    const terms = bankTerms(questions);
    const reductions = (await rows(client, TERM_QUERIES, [terms.map((t) => t.text)])).map(({ query, isEmpty }) => ({
      query,
      isEmpty,
    }));
    const matches: TermMatch[] = [];
    for (const batch of analysisBatches(questions)) {
      const hits = await rows(
        client,
        ANSWER_ANALYSIS,
        answerAnalysisValues({ answers: batch.answers, criteria: batch.criteria, withEvidence: false }),
      );
      matches.push(...batchMatches(batch, hits));
    }
    return analyseBank({ questions, reductions, matches });
  });
}

/** A statement's rows on the check's own connection, sent as the app sends it. */
async function rows<Row>(client: pg.Client, query: Statement<Row>, values: unknown[]): Promise<Row[]> {
  return (await client.query(named(query.text, values))).rows as Row[];
}

/**
 * A connection to DATABASE_URL's server (only SELECTs without tables are run), else to a
 * throwaway embedded Postgres that is always stopped and removed afterwards.
 */
async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  let url = process.env.DATABASE_URL;
  const embedded = url
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: await makeEphemeralDataDir('interval-bank-check'),
        port: await freePort(),
        database: 'postgres',
        isEphemeral: true,
        isDurabilityOff: true,
      });
  url ??= embedded!.url;
  try {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  } finally {
    await embedded?.stop();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bank:check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
