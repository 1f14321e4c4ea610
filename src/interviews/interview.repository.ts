import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RubricCriterion } from '../rubrics/rubric.js';
import type { InterviewStatus } from './interview-state.js';

export interface InterviewRow {
  id: string;
  interviewerId: string | null;
  interviewerName: string | null;
  candidateId: string | null;
  candidateName: string | null;
  questionSetId: string | null;
  setTitle: string;
  status: InterviewStatus;
  scheduledAt: Date | null;
  timeLimitMinutes: number | null;
  startedAt: Date | null;
  submittedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  recommendation: 'strong-no' | 'no' | 'yes' | 'strong-yes' | null;
  summary: string | null;
  createdAt: Date;
}

export interface InterviewQuestionRow {
  questionId: string;
  position: number;
  rubricRevisionId: string;
  title: string;
  prompt: string;
  criteria: RubricCriterion[];
  answer: string | null;
  answeredAt: Date | null;
  scores: Array<{ criterionId: string; score: number }> | null;
  notes: string | null;
}

const INTERVIEW_COLUMNS = `i.id, i.interviewer_id AS "interviewerId", iu.display_name AS "interviewerName",
  i.candidate_id AS "candidateId", cu.display_name AS "candidateName", i.question_set_id AS "questionSetId",
  i.set_title AS "setTitle", i.status, i.scheduled_at AS "scheduledAt", i.time_limit_minutes AS "timeLimitMinutes",
  i.started_at AS "startedAt", i.submitted_at AS "submittedAt", i.completed_at AS "completedAt",
  i.cancelled_at AS "cancelledAt", i.recommendation, i.summary, i.created_at AS "createdAt"`;
const FROM = `FROM interviews i
  LEFT JOIN users iu ON iu.id = i.interviewer_id
  LEFT JOIN users cu ON cu.id = i.candidate_id`;

@Injectable()
export class InterviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
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
  ): Promise<string> {
    const rows = await manager.query(
      `INSERT INTO interviews (interviewer_id, candidate_id, question_set_id, set_title, scheduled_at, time_limit_minutes)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        interview.interviewerId,
        interview.candidateId,
        interview.questionSetId,
        interview.setTitle,
        interview.scheduledAt,
        interview.timeLimitMinutes,
      ],
    );
    const id: string = rows[0].id;
    await manager.query(
      `INSERT INTO interview_questions (interview_id, question_id, position, rubric_revision_id, title, prompt, criteria)
       SELECT $1, q.question_id, q.position, q.rubric_revision_id, q.title, q.prompt, q.criteria
         FROM jsonb_to_recordset($2::jsonb) AS q(question_id uuid, position int, rubric_revision_id uuid, title text,
                                                 prompt text, criteria jsonb)`,
      [
        id,
        JSON.stringify(
          interview.questions.map((q, position) => ({
            question_id: q.questionId,
            position,
            rubric_revision_id: q.rubricRevisionId,
            title: q.title,
            prompt: q.prompt,
            criteria: q.criteria,
          })),
        ),
      ],
    );
    return id;
  }

  /** The interview if the user takes part in it, row-locked when inside a transaction that asks. */
  async findForParticipant(
    manager: EntityManager,
    { id, userId, isLocked = false }: { id: string; userId: string; isLocked?: boolean },
  ): Promise<InterviewRow | undefined> {
    const rows = await manager.query(
      `SELECT ${INTERVIEW_COLUMNS} ${FROM}
        WHERE i.id = $1 AND (i.interviewer_id = $2 OR i.candidate_id = $2)
        ${isLocked ? 'FOR UPDATE OF i' : ''}`,
      [id, userId],
    );
    return rows[0];
  }

  async listForParticipant({
    userId,
    after,
    limit,
  }: {
    userId: string;
    after?: { createdAt: string; id: string };
    limit: number;
  }): Promise<InterviewRow[]> {
    const values: unknown[] = [userId, limit];
    let keyset = '';
    if (after) {
      values.push(after.createdAt, after.id);
      keyset = `AND (i.created_at, i.id) < ($3::timestamptz, $4::uuid)`;
    }
    return this.dataSource.query(
      `SELECT ${INTERVIEW_COLUMNS} ${FROM}
        WHERE (i.interviewer_id = $1 OR i.candidate_id = $1) ${keyset}
        ORDER BY i.created_at DESC, i.id DESC
        LIMIT $2`,
      values,
    );
  }

  async questions(manager: EntityManager, interviewId: string): Promise<InterviewQuestionRow[]> {
    return manager.query(
      `SELECT question_id AS "questionId", position, rubric_revision_id AS "rubricRevisionId", title, prompt, criteria,
              answer, answered_at AS "answeredAt", scores, notes
         FROM interview_questions WHERE interview_id = $1 ORDER BY position`,
      [interviewId],
    );
  }

  async setStatus(
    manager: EntityManager,
    {
      id,
      status,
      stamp,
    }: { id: string; status: InterviewStatus; stamp: 'started_at' | 'submitted_at' | 'completed_at' | 'cancelled_at' },
  ): Promise<void> {
    await manager.query(`UPDATE interviews SET status = $2, ${stamp} = now() WHERE id = $1`, [id, status]);
  }

  async complete(
    manager: EntityManager,
    { id, recommendation, summary }: { id: string; recommendation: string; summary: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE interviews SET status = 'completed', completed_at = now(), recommendation = $2, summary = $3 WHERE id = $1`,
      [id, recommendation, summary],
    );
  }

  async saveAnswer(
    manager: EntityManager,
    { id, questionId, answer }: { id: string; questionId: string; answer: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE interview_questions SET answer = $3, answered_at = now() WHERE interview_id = $1 AND question_id = $2`,
      [id, questionId, answer],
    );
  }

  async saveScorecard(
    manager: EntityManager,
    {
      id,
      questionId,
      scores,
      notes,
    }: { id: string; questionId: string; scores: Array<{ criterionId: string; score: number }>; notes: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE interview_questions SET scores = $3, notes = $4 WHERE interview_id = $1 AND question_id = $2`,
      [id, questionId, JSON.stringify(scores), notes],
    );
  }
}
