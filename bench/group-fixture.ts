import pg from 'pg';
import { SEED_EMAIL_DOMAIN } from './seed.js';

/**
 * A study group of `members` seeded users whose owner assigned a set of `questions`
 * questions (the bank, topped up with private copies of bank questions), each member
 * holding a card on every one of them: the size the progress scenario measures. With
 * `topics`, only the questions of the first `topics` topics (by slug), so that the progress
 * grid has exactly that many columns.
 */
export async function makeGroupFixture(
  url: string,
  { members, questions, topics }: { members: number; questions: number; topics?: number },
): Promise<{ groupId: string; ownerId: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const users = (
      await client.query<{ id: string }>(
        `SELECT id FROM users WHERE email LIKE '%@${SEED_EMAIL_DOMAIN}' ORDER BY email LIMIT $1`,
        [members],
      )
    ).rows.map((r) => r.id);
    const ownerId = users[0];
    // NULL: every topic.
    const topicIds: string[] | null = topics
      ? (await client.query<{ id: string }>(`SELECT id FROM topics ORDER BY slug LIMIT $1`, [topics])).rows.map(
          (r) => r.id,
        )
      : null;
    const bankCount = (
      await client.query(
        `SELECT count(*)::int AS n FROM questions
          WHERE owner_id IS NULL AND retired_at IS NULL AND ($1::uuid[] IS NULL OR topic_id = ANY($1))`,
        [topicIds],
      )
    ).rows[0].n;
    const copies = Math.max(0, questions - bankCount);
    await client.query(
      `WITH source AS (
         SELECT q.*, row_number() OVER (ORDER BY q.id) AS rn FROM questions q
          WHERE q.owner_id IS NULL AND q.retired_at IS NULL AND ($3::uuid[] IS NULL OR q.topic_id = ANY($3))
       ), made AS (
         INSERT INTO questions (topic_id, owner_id, title, prompt, difficulty, kind, tags, model_answer, follow_ups, revision, rubric_revision)
         SELECT s.topic_id, $1, s.title || ' (copy ' || g || ')', s.prompt, s.difficulty, s.kind, s.tags, s.model_answer, s.follow_ups, 1, 1
           FROM generate_series(1, $2::int) AS g JOIN source s ON s.rn = 1 + (g - 1) % (SELECT count(*) FROM source)
         RETURNING id
       )
       INSERT INTO rubric_revisions (question_id, revision, criteria, red_flags)
       SELECT id, 1, '[{"id":"c1","text":"Covers the point.","weight":1,"terms":["point"]}]', '["None."]' FROM made`,
      [ownerId, copies, topicIds],
    );
    const setId = (
      await client.query(
        `INSERT INTO question_sets (owner_id, title, visibility) VALUES ($1, 'Progress bench set', 'private') RETURNING id`,
        [ownerId],
      )
    ).rows[0].id;
    await client.query(
      `INSERT INTO question_set_items (set_id, question_id, position)
       SELECT $1, id, row_number() OVER (ORDER BY owner_id NULLS FIRST, id)
         FROM questions
        WHERE retired_at IS NULL AND (owner_id IS NULL OR owner_id = $2) AND ($4::uuid[] IS NULL OR topic_id = ANY($4))
        ORDER BY owner_id NULLS FIRST, id LIMIT $3`,
      [setId, ownerId, questions, topicIds],
    );
    const groupId = (
      await client.query(
        `INSERT INTO study_groups (name, invite_code_hash) VALUES ('Progress bench', decode(md5(random()::text) || md5(random()::text), 'hex')) RETURNING id`,
      )
    ).rows[0].id;
    await client.query(
      `INSERT INTO study_group_members (group_id, user_id, role)
       SELECT $1, u, CASE WHEN u = $2 THEN 'owner' ELSE 'member' END FROM unnest($3::uuid[]) AS u`,
      [groupId, ownerId, users],
    );
    await client.query(
      `INSERT INTO group_assignments (group_id, question_set_id, due_at) VALUES ($1, $2, now() + interval '7 days')`,
      [groupId, setId],
    );
    await client.query(
      `INSERT INTO cards (user_id, question_id, state, due_at, stability, difficulty, reps, last_review_at)
       SELECT u, i.question_id, 2, now() + (random() * 20 - 5) * interval '1 day', 1 + random() * 60, 5, 2,
              now() - (1 + random() * 20) * interval '1 day'
         FROM unnest($1::uuid[]) AS u CROSS JOIN question_set_items i
        WHERE i.set_id = $2
       ON CONFLICT (user_id, question_id) DO NOTHING`,
      [users, setId],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE cards, questions, question_set_items');
    return { groupId, ownerId };
  } finally {
    await client.end();
  }
}
