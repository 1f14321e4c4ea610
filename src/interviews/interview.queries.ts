import { columnsOf, statement, type Bound } from '../database/statement.js';
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

const INTERVIEW_ROW = columnsOf<InterviewRow>()(
  'id',
  'interviewerId',
  'interviewerName',
  'candidateId',
  'candidateName',
  'questionSetId',
  'setTitle',
  'status',
  'scheduledAt',
  'timeLimitMinutes',
  'startedAt',
  'submittedAt',
  'completedAt',
  'cancelledAt',
  'recommendation',
  'summary',
  'createdAt',
);

const INTERVIEW_COLUMNS = `i.id, i.interviewer_id AS "interviewerId", iu.display_name AS "interviewerName",
  i.candidate_id AS "candidateId", cu.display_name AS "candidateName", i.question_set_id AS "questionSetId",
  i.set_title AS "setTitle", i.status, i.scheduled_at AS "scheduledAt", i.time_limit_minutes AS "timeLimitMinutes",
  i.started_at AS "startedAt", i.submitted_at AS "submittedAt", i.completed_at AS "completedAt",
  i.cancelled_at AS "cancelledAt", i.recommendation, i.summary, i.created_at AS "createdAt"`;
const FROM = `FROM interviews i
  LEFT JOIN users iu ON iu.id = i.interviewer_id
  LEFT JOIN users cu ON cu.id = i.candidate_id`;

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

/** $1 interviewer, $2 candidate, $3 set, $4 set title, $5 scheduled at, $6 time limit. */
export const INSERT_INTERVIEW = statement(
  `INSERT INTO interviews (interviewer_id, candidate_id, question_set_id, set_title, scheduled_at, time_limit_minutes)
   VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
  columnsOf<{ id: string }>()('id'),
);

/** The interview's own copy of its questions ($1 interview, $2 JSON array of them). */
export const INSERT_INTERVIEW_QUESTIONS = statement(
  `INSERT INTO interview_questions (interview_id, question_id, position, rubric_revision_id, title, prompt, criteria)
   SELECT $1, q.question_id, q.position, q.rubric_revision_id, q.title, q.prompt, q.criteria
     FROM jsonb_to_recordset($2::jsonb) AS q(question_id uuid, position int, rubric_revision_id uuid, title text,
                                             prompt text, criteria jsonb)`,
);

/** The interview ($1) if the user ($2) takes part in it. */
export const INTERVIEW_FOR_PARTICIPANT = statement(
  `SELECT ${INTERVIEW_COLUMNS} ${FROM} WHERE i.id = $1 AND (i.interviewer_id = $2 OR i.candidate_id = $2)`,
  INTERVIEW_ROW,
);

/** As INTERVIEW_FOR_PARTICIPANT, the interview row locked for the caller's transaction. */
export const LOCK_INTERVIEW_FOR_PARTICIPANT = statement(
  `SELECT ${INTERVIEW_COLUMNS} ${FROM} WHERE i.id = $1 AND (i.interviewer_id = $2 OR i.candidate_id = $2)
      FOR UPDATE OF i`,
  INTERVIEW_ROW,
);

/** Interviews the user takes part in, newest first, keyset on (created_at, id). */
export function listForParticipant({
  userId,
  after,
  limit,
}: {
  userId: string;
  after?: { createdAt: string; id: string };
  limit: number;
}): Bound<InterviewRow> {
  const values: unknown[] = [userId, limit];
  let keyset = '';
  if (after) {
    values.push(after.createdAt, after.id);
    keyset = `AND (i.created_at, i.id) < ($3::timestamptz, $4::uuid)`;
  }
  return {
    statement: statement(
      `SELECT ${INTERVIEW_COLUMNS} ${FROM}
        WHERE (i.interviewer_id = $1 OR i.candidate_id = $1) ${keyset}
        ORDER BY i.created_at DESC, i.id DESC
        LIMIT $2`,
      INTERVIEW_ROW,
    ),
    values,
  };
}

export const INTERVIEW_QUESTIONS = statement(
  `SELECT question_id AS "questionId", position, rubric_revision_id AS "rubricRevisionId", title, prompt, criteria,
          answer, answered_at AS "answeredAt", scores, notes
     FROM interview_questions WHERE interview_id = $1 ORDER BY position`,
  columnsOf<InterviewQuestionRow>()(
    'questionId',
    'position',
    'rubricRevisionId',
    'title',
    'prompt',
    'criteria',
    'answer',
    'answeredAt',
    'scores',
    'notes',
  ),
);

const STAMPED_STATUS = (stamp: string) =>
  statement(`UPDATE interviews SET status = $2, ${stamp} = now() WHERE id = $1`);

/** A new status and the time it was reached ($1 interview, $2 status), one statement per kind of move. */
export const MOVE_INTERVIEW = {
  start: STAMPED_STATUS('started_at'),
  submit: STAMPED_STATUS('submitted_at'),
  cancel: STAMPED_STATUS('cancelled_at'),
} as const;

/** $1 interview, $2 recommendation, $3 summary. */
export const COMPLETE_INTERVIEW = statement(
  `UPDATE interviews SET status = 'completed', completed_at = now(), recommendation = $2, summary = $3 WHERE id = $1`,
);

/** $1 interview, $2 question, $3 answer. */
export const SAVE_ANSWER = statement(
  `UPDATE interview_questions SET answer = $3, answered_at = now() WHERE interview_id = $1 AND question_id = $2`,
);

/** $1 interview, $2 question, $3 scores (JSON), $4 notes. */
export const SAVE_SCORECARD = statement(
  `UPDATE interview_questions SET scores = $3, notes = $4 WHERE interview_id = $1 AND question_id = $2`,
);

/** Every interview the user takes part in, in either role, oldest first. */
export const INTERVIEWS_OF_PARTICIPANT = statement(
  `SELECT ${INTERVIEW_COLUMNS} ${FROM}
    WHERE i.interviewer_id = $1 OR i.candidate_id = $1
    ORDER BY i.created_at, i.id`,
  INTERVIEW_ROW,
);

/** The questions of the interviews $1, in order, each with its interview's id. */
export const QUESTIONS_OF_INTERVIEWS = statement(
  `SELECT interview_id AS "interviewId", question_id AS "questionId", position, rubric_revision_id AS "rubricRevisionId",
          title, prompt, criteria, answer, answered_at AS "answeredAt", scores, notes
     FROM interview_questions WHERE interview_id = ANY($1::uuid[]) ORDER BY interview_id, position`,
  columnsOf<InterviewQuestionRow & { interviewId: string }>()(
    'interviewId',
    'questionId',
    'position',
    'rubricRevisionId',
    'title',
    'prompt',
    'criteria',
    'answer',
    'answeredAt',
    'scores',
    'notes',
  ),
);
