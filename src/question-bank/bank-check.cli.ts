import { join, relative, resolve } from 'node:path';
import { formatProblem } from './bank.js';
import { readBank } from './bank-reader.js';

/** `npm run bank:check [-- <dir>]`: every problem as `file:line: message`; non-zero exit on any. */
async function main(): Promise<number> {
  const dir = resolve(process.argv[2] ?? process.env.BANK_DIR ?? 'question-bank');
  const bank = await readBank(dir);
  for (const problem of bank.problems)
    console.log(formatProblem({ ...problem, path: relative(process.cwd(), join(dir, problem.path)) }));
  const topics = new Set(bank.entries.map((e) => e.question.topic));
  console.log(
    bank.problems.length === 0
      ? `bank:check: ${bank.entries.length} questions in ${topics.size} topics, no problems`
      : `bank:check: ${bank.problems.length} problem(s)`,
  );
  return bank.problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bank:check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
