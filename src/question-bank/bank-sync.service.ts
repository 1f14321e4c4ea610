import { Injectable, Logger } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import { QuestionService, type BankApplyReport } from '../questions/question.service.js';
import { formatProblem } from './bank.js';
import { readBank } from './bank-reader.js';
import { BANK_SYNC_LOCK_KEY, LOCK_BANK_SYNC } from './bank-sync.queries.js';
import { InvalidBankError } from './question-bank.errors.js';

export interface BankSyncReport extends BankApplyReport {
  durationMs: number;
}

@Injectable()
export class BankSyncService {
  private readonly logger = new Logger(BankSyncService.name);

  constructor(
    private readonly sql: Sql,
    private readonly questions: QuestionService,
  ) {}

  /**
   * Makes the database match the bank folder, in one transaction under an advisory lock;
   * writes nothing when nothing changed, and nothing at all when a file fails its checks.
   */
  async sync(dir: string): Promise<BankSyncReport> {
    const started = performance.now();
    const bank = await readBank(dir);
    if (bank.problems.length > 0) throw new InvalidBankError(bank.problems.map(formatProblem));
    const report = await this.sql.transaction(async (tx) => {
      await this.sql.rows(LOCK_BANK_SYNC, [BANK_SYNC_LOCK_KEY], tx);
      return this.questions.applyBank(bank, tx);
    });
    const result = { ...report, durationMs: Math.round(performance.now() - started) };
    this.logger.log(result, 'question bank synced');
    return result;
  }
}
