import { Injectable } from '@nestjs/common';
import { Sql, type Tx } from '../database/sql.js';
import type { RubricCriterion } from '../rubrics/rubric.js';
import type { InterviewStatus } from './interview-state.js';
import * as q from './interview.queries.js';
import type { InterviewQuestionRow, InterviewRow } from './interview.queries.js';

@Injectable()
export class InterviewRepository {
  constructor(private readonly sql: Sql) {}

  async insert(
    interview: {
      interviewerId: string;
      candidateId: string;
      questionSetId: string;
      setTitle: string;
      scheduledAt: Date | null;
      timeLimitMinutes: number | null;
      questions: Array<{
        questionId: string;
        rubricRevisionId: string;
        title: string;
        prompt: string;
        criteria: RubricCriterion[];
      }>;
    },
    tx: Tx,
  ): Promise<string> {
    const { id } = (await this.sql.first(
      q.INSERT_INTERVIEW,
      [
        interview.interviewerId,
        interview.candidateId,
        interview.questionSetId,
        interview.setTitle,
        interview.scheduledAt,
        interview.timeLimitMinutes,
      ],
      tx,
    ))!;
    const questions = interview.questions.map((question, position) => ({
      question_id: question.questionId,
      position,
      rubric_revision_id: question.rubricRevisionId,
      title: question.title,
      prompt: question.prompt,
      criteria: question.criteria,
    }));
    await this.sql.rows(q.INSERT_INTERVIEW_QUESTIONS, [id, JSON.stringify(questions)], tx);
    return id;
  }

  /** The interview if the user takes part in it, row-locked for the transaction when asked. */
  findForParticipant(
    { id, userId, isLocked = false }: { id: string; userId: string; isLocked?: boolean },
    tx?: Tx,
  ): Promise<InterviewRow | undefined> {
    return this.sql.first(isLocked ? q.LOCK_INTERVIEW_FOR_PARTICIPANT : q.INTERVIEW_FOR_PARTICIPANT, [id, userId], tx);
  }

  listForParticipant(args: Parameters<typeof q.listForParticipant>[0]): Promise<InterviewRow[]> {
    const { statement, values } = q.listForParticipant(args);
    return this.sql.rows(statement, values);
  }

  questions(interviewId: string, tx?: Tx): Promise<InterviewQuestionRow[]> {
    return this.sql.rows(q.INTERVIEW_QUESTIONS, [interviewId], tx);
  }

  async move(
    { id, event, status }: { id: string; event: keyof typeof q.MOVE_INTERVIEW; status: InterviewStatus },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.MOVE_INTERVIEW[event], [id, status], tx);
  }

  async complete(
    { id, recommendation, summary }: { id: string; recommendation: string; summary: string },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.COMPLETE_INTERVIEW, [id, recommendation, summary], tx);
  }

  async saveAnswer({ id, questionId, answer }: { id: string; questionId: string; answer: string }, tx: Tx) {
    await this.sql.rows(q.SAVE_ANSWER, [id, questionId, answer], tx);
  }

  async saveScorecard(
    {
      id,
      questionId,
      scores,
      notes,
    }: { id: string; questionId: string; scores: Array<{ criterionId: string; score: number }>; notes: string },
    tx: Tx,
  ): Promise<void> {
    await this.sql.rows(q.SAVE_SCORECARD, [id, questionId, JSON.stringify(scores), notes], tx);
  }

  allForParticipant(userId: string): Promise<InterviewRow[]> {
    return this.sql.rows(q.INTERVIEWS_OF_PARTICIPANT, [userId]);
  }

  questionsOf(interviewIds: string[]) {
    return this.sql.rows(q.QUESTIONS_OF_INTERVIEWS, [interviewIds]);
  }
}
