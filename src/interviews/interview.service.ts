import { Injectable } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
import type { Caller } from '../common/auth.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { DEFAULT_PAGE_SIZE, type Page } from '../common/pagination.js';
import { Sql, type Tx } from '../database/sql.js';
import { ReviewService } from '../practice/review.service.js';
import { QuestionSetService } from '../question-sets/question-set.service.js';
import { isAnswering, transition, type InterviewEvent, type InterviewSide } from './interview-state.js';
import type { CompleteInterviewDto, CreateInterviewDto, InterviewDto, ScorecardDto } from './interview.dto.js';
import type { InterviewQuestionRow, InterviewRow } from './interview.queries.js';
import { InterviewRepository } from './interview.repository.js';
import { scorecardScore } from './scorecard.js';
import { isUuid } from '../common/ids.js';
import { interviewError } from './interview.errors.js';
import { requestError } from '../common/common.errors.js';

const LIST = 'interviews';

@Injectable()
export class InterviewService {
  constructor(
    private readonly sql: Sql,
    private readonly interviews: InterviewRepository,
    private readonly sets: QuestionSetService,
    private readonly reviews: ReviewService,
    private readonly accounts: AccountService,
  ) {}

  /** The caller interviews a candidate on a copy of a set they can read. */
  async create(caller: Caller, body: CreateInterviewDto): Promise<InterviewDto> {
    if ((body.candidateId === undefined) === (body.candidateEmail === undefined)) {
      throw requestError('request.validation-failed', 'Send exactly one of candidateId and candidateEmail.', [
        { field: 'candidateId', message: 'exactly one of candidateId and candidateEmail is required' },
      ]);
    }
    const id = await this.sql.transaction(async (tx) => {
      // The set first: a set the caller cannot read is a 404 before anything else is said.
      const snapshot = await this.sets.snapshotForInterview(caller, body.questionSetId, tx);
      const candidateId = await this.candidate(body, tx);
      if (candidateId === caller.userId) {
        throw requestError('request.validation-failed', 'You cannot interview yourself.', [
          { field: 'candidateId', message: 'the candidate must be someone else' },
        ]);
      }
      if (snapshot.questions.length === 0) {
        throw requestError('request.validation-failed', 'The set has no questions.', [
          { field: 'questionSetId', message: 'the set has no live questions' },
        ]);
      }
      return this.interviews.insert(
        {
          interviewerId: caller.userId,
          candidateId,
          questionSetId: body.questionSetId,
          setTitle: snapshot.title,
          scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : null,
          timeLimitMinutes: body.timeLimitMinutes ?? null,
          questions: snapshot.questions,
        },
        tx,
      );
    });
    return this.get(caller, id);
  }

  async list(caller: Caller, { limit, cursor }: { limit?: number; cursor?: string }): Promise<Page<InterviewDto>> {
    const size = limit ?? DEFAULT_PAGE_SIZE;
    const key = cursor ? decodeCursor({ cursor, list: LIST, kinds: ['string', 'string'] }) : undefined;
    if (cursor && !key) throw requestError('pagination.invalid-cursor');
    const rows = await this.interviews.listForParticipant({
      userId: caller.userId,
      after: key && { createdAt: key[0] as string, id: key[1] as string },
      limit: size + 1,
    });
    const last = rows.length > size ? rows[size - 1] : undefined;
    return {
      items: rows.slice(0, size).map((row) => toDto(row, caller.userId)),
      nextCursor: last ? encodeCursor({ list: LIST, key: [last.createdAt.toISOString(), last.id] }) : null,
    };
  }

  async get(caller: Caller, id: string): Promise<InterviewDto> {
    const row = await this.participantRow(caller, id);
    return toDto(row, caller.userId, await this.interviews.questions(id));
  }

  async move(caller: Caller, id: string, event: Exclude<InterviewEvent, 'complete'>): Promise<InterviewDto> {
    await this.sql.transaction(async (tx) => {
      const row = await this.participantRow(caller, id, tx);
      const next = this.transitioned(row, caller, event);
      await this.interviews.move({ id, event, status: next }, tx);
    });
    return this.get(caller, id);
  }

  /** Autosave by the candidate, while the interview runs and before its time limit, by the server's clock. */
  async answer(caller: Caller, id: string, questionId: string, answer: string): Promise<InterviewDto> {
    await this.sql.transaction(async (tx) => {
      const row = await this.participantRow(caller, id, tx);
      if (sideOf(row, caller.userId) !== 'candidate') throw interviewError('interview.not-found');
      await this.question(id, questionId, tx);
      if (!isAnswering({ ...row, now: new Date() })) throw interviewError('interview.answers-closed');
      await this.interviews.saveAnswer({ id, questionId, answer }, tx);
    });
    return this.get(caller, id);
  }

  async score(caller: Caller, id: string, questionId: string, body: ScorecardDto): Promise<InterviewDto> {
    await this.sql.transaction(async (tx) => {
      const row = await this.participantRow(caller, id, tx);
      if (sideOf(row, caller.userId) !== 'interviewer') throw interviewError('interview.not-found');
      const question = await this.question(id, questionId, tx);
      if (row.status !== 'submitted') throw interviewError('interview.not-ready-for-scoring');
      const known = new Set(question.criteria.map((c) => c.id));
      const ids = body.criteria.map((c) => c.criterionId);
      const bad = ids.filter((cid, i) => !known.has(cid) || ids.indexOf(cid) !== i);
      if (bad.length > 0) {
        throw requestError('request.validation-failed', `Unknown or repeated criteria: ${bad.join(', ')}`, [
          { field: 'criteria', message: `not criteria of this question, or repeated: ${bad.join(', ')}` },
        ]);
      }
      await this.interviews.saveScorecard({ id, questionId, scores: body.criteria, notes: body.notes }, tx);
    });
    return this.get(caller, id);
  }

  /**
   * Completes the interview and feeds the candidate's practice: each scored question becomes
   * a review on the candidate's card, rated through the same score-to-rating mapping; one
   * the candidate cannot see (someone's private question) stays in the report only.
   */
  async complete(caller: Caller, id: string, body: CompleteInterviewDto): Promise<InterviewDto> {
    await this.sql.transaction(async (tx) => {
      const row = await this.participantRow(caller, id, tx);
      this.transitioned(row, caller, 'complete');
      const questions = await this.interviews.questions(id, tx);
      const unscored = questions.filter((q) => q.scores === null);
      if (unscored.length > 0) {
        throw interviewError('interview.unscored-questions', `${unscored.length} question(s) have no scorecard yet.`);
      }
      await this.interviews.complete({ id, recommendation: body.recommendation, summary: body.summary }, tx);
      if (row.candidateId === null) return;
      const reviewedAt = row.submittedAt ?? new Date();
      await this.reviews.recordGraded(
        {
          userId: row.candidateId,
          reviews: questions.map((question) => ({
            questionId: question.questionId,
            rubricRevisionId: question.rubricRevisionId,
            answer: question.answer,
            score: scorecardScore({ criteria: question.criteria, scores: question.scores! }),
            reviewedAt,
          })),
        },
        tx,
      );
    });
    return this.get(caller, id);
  }

  /**
   * Every interview I take part in, in either role, as I see it: the interviewer's whole
   * scorecards and notes, the candidate's answers, and feedback for the candidate once completed.
   */
  async exportFor(userId: string): Promise<InterviewDto[]> {
    const rows = await this.interviews.allForParticipant(userId);
    const questions = await this.interviews.questionsOf(rows.map((row) => row.id));
    return rows.map((row) =>
      toDto(
        row,
        userId,
        questions.filter((q) => q.interviewId === row.id),
      ),
    );
  }

  /** The interview as a document: the interviewer's at any time, the candidate's once completed. */
  async report(caller: Caller, id: string): Promise<InterviewDto> {
    const interview = await this.get(caller, id);
    if (interview.side === 'candidate' && interview.status !== 'completed')
      throw interviewError('interview.not-completed');
    return interview;
  }

  private transitioned(row: InterviewRow, caller: Caller, event: InterviewEvent) {
    const result = transition({ status: row.status, event, side: sideOf(row, caller.userId) });
    if (!result.ok) {
      if (result.reason === 'wrong-side') throw interviewError('interview.not-found');
      throw interviewError('interview.invalid-transition', `Cannot ${event} an interview that is ${row.status}.`);
    }
    return result.status;
  }

  /** The interview if the caller takes part; inside a transaction, its row is locked for it. */
  private async participantRow(caller: Caller, id: string, tx?: Tx): Promise<InterviewRow> {
    const row = isUuid(id)
      ? await this.interviews.findForParticipant({ id, userId: caller.userId, isLocked: tx !== undefined }, tx)
      : undefined;
    if (!row) throw interviewError('interview.not-found');
    return row;
  }

  private async question(id: string, questionId: string, tx: Tx): Promise<InterviewQuestionRow> {
    const question = (await this.interviews.questions(id, tx)).find((q) => q.questionId === questionId);
    if (!question) throw interviewError('interview.not-found', 'This interview has no such question.');
    return question;
  }

  private async candidate(body: CreateInterviewDto, tx: Tx): Promise<string> {
    const id = await this.accounts.existingId(
      body.candidateEmail ? { email: body.candidateEmail } : { id: body.candidateId! },
      tx,
    );
    if (!id) throw interviewError('interview.candidate-not-found');
    return id;
  }
}

function sideOf(row: InterviewRow, userId: string): InterviewSide {
  return row.interviewerId === userId ? 'interviewer' : 'candidate';
}

const DELETED = 'deleted user';

function toDto(row: InterviewRow, userId: string, questions?: InterviewQuestionRow[]): InterviewDto {
  const side = sideOf(row, userId);
  const showFeedback = side === 'interviewer' || row.status === 'completed';
  const deadline =
    row.startedAt && row.timeLimitMinutes ? new Date(row.startedAt.getTime() + row.timeLimitMinutes * 60_000) : null;
  return {
    id: row.id,
    status: row.status,
    side,
    interviewer: { id: row.interviewerId, displayName: row.interviewerName ?? DELETED },
    candidate: { id: row.candidateId, displayName: row.candidateName ?? DELETED },
    questionSetId: row.questionSetId,
    setTitle: row.setTitle,
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    timeLimitMinutes: row.timeLimitMinutes,
    deadlineAt: deadline?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    recommendation: showFeedback ? row.recommendation : null,
    summary: showFeedback ? row.summary : null,
    createdAt: row.createdAt.toISOString(),
    ...(questions
      ? {
          questions: questions.map((q) => ({
            questionId: q.questionId,
            position: q.position,
            title: q.title,
            prompt: q.prompt,
            answer: q.answer,
            answeredAt: q.answeredAt?.toISOString() ?? null,
            ...(showFeedback
              ? {
                  criteria: q.criteria.map((c) => ({
                    id: c.id,
                    text: c.text,
                    weight: c.weight,
                    score: q.scores?.find((s) => s.criterionId === c.id)?.score ?? null,
                  })),
                  notes: q.notes,
                }
              : {}),
          })),
        }
      : {}),
  };
}
