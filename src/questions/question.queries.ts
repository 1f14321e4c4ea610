/**
 * The read queries of the questions feature as parameterised SQL. The repository runs them;
 * the benchmark's raw Fastify + pg baseline runs the very same text, so the comparison
 * measures the framework, not a different query.
 */
export interface Sql {
  text: string;
  values: unknown[];
}

export interface QuestionFilter {
  topic?: string;
  difficulty?: number;
  tag?: string;
  /** The caller, whose private and shared questions are visible too; undefined for anonymous. */
  viewerId?: string;
}

/**
 * Which questions a user can see: the public bank, their own private questions, and those in
 * a set they can read (public, theirs, or shared with them). `user` is a parameter
 * placeholder, or null for an anonymous caller.
 */
export function visibleTo(user: string | null, alias = 'q'): string {
  const readableSet = user ? `(s.visibility = 'public' OR ${sharedWith('s', user)})` : `s.visibility = 'public'`;
  return `(${alias}.owner_id IS NULL${user ? ` OR ${alias}.owner_id = ${user}` : ''}
    OR EXISTS (SELECT 1 FROM question_set_items i JOIN question_sets s ON s.id = i.set_id
                WHERE i.question_id = ${alias}.id AND ${readableSet}))`;
}

/**
 * A set (alias `set`) is shared with a user when they own it, are a member, or belong to a
 * study group it is assigned to. The one definition, used by question visibility, set
 * roles and the practice deck.
 */
export function sharedWith(set: string, user: string): string {
  return `(${set}.owner_id = ${user}
    OR EXISTS (SELECT 1 FROM question_set_members m WHERE m.set_id = ${set}.id AND m.user_id = ${user})
    OR EXISTS (SELECT 1 FROM group_assignments ga JOIN study_group_members gm ON gm.group_id = ga.group_id
                WHERE ga.question_set_id = ${set}.id AND gm.user_id = ${user}))`;
}

const SUMMARY_COLUMNS = `q.id, q.slug, t.slug AS topic, q.title, q.prompt, q.difficulty, q.kind, q.tags`;

export const TOPICS_WITH_COUNTS_SQL: Sql = {
  text: `SELECT t.slug, t.name, count(q.id)::int AS "questionCount"
           FROM topics t
           LEFT JOIN questions q ON q.topic_id = t.id AND q.retired_at IS NULL AND q.owner_id IS NULL
          WHERE t.retired_at IS NULL
          GROUP BY t.id
          ORDER BY t.position`,
  values: [],
};

/** Keyset page in (difficulty, title, id) order; backed by the questions_*listing_idx indexes. */
export function listActiveSql({
  filter,
  after,
  limit,
}: {
  filter: QuestionFilter;
  after?: { difficulty: number; title: string; id: string };
  limit: number;
}): Sql {
  const { where, values } = filterSql(filter);
  if (after) {
    values.push(after.difficulty, after.title, after.id);
    const n = values.length;
    where.push(`(q.difficulty, q.title, q.id) > ($${n - 2}::smallint, $${n - 1}::varchar, $${n}::uuid)`);
  }
  values.push(limit);
  return {
    text: `SELECT ${SUMMARY_COLUMNS}
             FROM questions q JOIN topics t ON t.id = q.topic_id
            WHERE ${where.join(' AND ')}
            ORDER BY q.difficulty, q.title, q.id
            LIMIT $${values.length}`,
    values,
  };
}

/** Full-text search (English stemming, GIN-indexed), best rank first, keyset on (rank, id). */
export function searchActiveSql({
  query,
  filter,
  after,
  limit,
}: {
  query: string;
  filter: QuestionFilter;
  after?: { rank: number; id: string };
  limit: number;
}): Sql {
  const { where, values } = filterSql(filter);
  values.push(query);
  const queryParam = `$${values.length}`;
  let afterSql = '';
  if (after) {
    values.push(after.rank, after.id);
    const n = values.length;
    afterSql = `WHERE rank < $${n - 1}::real OR (rank = $${n - 1}::real AND id > $${n}::uuid)`;
  }
  values.push(limit);
  return {
    text: `SELECT * FROM (
             SELECT ${SUMMARY_COLUMNS}, ts_rank(q.search_vector, query) AS rank
               FROM questions q JOIN topics t ON t.id = q.topic_id,
                    websearch_to_tsquery('english', ${queryParam}) AS query
              WHERE ${where.join(' AND ')} AND q.search_vector @@ query
           ) ranked
           ${afterSql}
           ORDER BY rank DESC, id
           LIMIT $${values.length}`,
    values,
  };
}

export function questionDetailSql(key: { id: string } | { slug: string }, viewerId?: string): Sql {
  const [column, value] = 'id' in key ? ['q.id', key.id] : ['q.slug', key.slug];
  return {
    text: `SELECT ${SUMMARY_COLUMNS}, q.model_answer AS "modelAnswer", q.follow_ups AS "followUps",
                  q.revision, q.rubric_revision AS "rubricRevision", r.criteria, r.red_flags AS "redFlags",
                  q.retired_at AS "retiredAt", q.owner_id AS "ownerId"
             FROM questions q
             JOIN topics t ON t.id = q.topic_id
             JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
            WHERE ${column} = $1 AND ${visibleTo(viewerId ? '$2::uuid' : null)}`,
    values: viewerId ? [value, viewerId] : [value],
  };
}

function filterSql(filter: QuestionFilter): { where: string[]; values: unknown[] } {
  const where = ['q.retired_at IS NULL'];
  const values: unknown[] = [];
  if (filter.viewerId !== undefined) {
    values.push(filter.viewerId);
    where.push(visibleTo(`$${values.length}::uuid`));
  } else {
    where.push(visibleTo(null));
  }
  if (filter.topic !== undefined) {
    values.push(filter.topic);
    where.push(`q.topic_id = (SELECT id FROM topics WHERE slug = $${values.length})`);
  }
  if (filter.difficulty !== undefined) {
    values.push(filter.difficulty);
    where.push(`q.difficulty = $${values.length}`);
  }
  if (filter.tag !== undefined) {
    values.push([filter.tag]);
    where.push(`q.tags @> $${values.length}::text[]`);
  }
  return { where, values };
}

/** A live question the user ($2) can see, with its current rubric revision, to grade a review against. */
export const PRACTICE_QUESTION_SQL = `SELECT q.id, r.id AS "rubricRevisionId", r.revision AS "rubricRevision", r.criteria
  FROM questions q JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
 WHERE q.id = $1 AND q.retired_at IS NULL AND ${visibleTo('$2::uuid')}`;
