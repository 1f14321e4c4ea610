import pg from 'pg';

export interface SeedSize {
  users: number;
  cards: number;
  reviews: number;
}

export const SEED_EMAIL_DOMAIN = 'seed.interval.test';

/**
 * Fills a migrated, bank-synced database with synthetic practice data: `users` accounts,
 * `cards` cards spread evenly over them (each user's cards on distinct bank questions, so at
 * most the bank's size per user), and `reviews` reviews spread over the cards. Due dates,
 * stabilities and review times are spread so that every user has some cards due today.
 * Idempotent per size: seeded users are recognised by their email domain and skipped.
 */
export async function seedLoad(url: string, size: SeedSize, log: (line: string) => void = console.log): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ questions: number; seeded: number }>(
      `SELECT (SELECT count(*) FROM questions WHERE slug IS NOT NULL AND retired_at IS NULL)::int AS questions,
              (SELECT count(*) FROM users WHERE email LIKE '%@${SEED_EMAIL_DOMAIN}')::int AS seeded`,
    );
    const { questions, seeded } = rows[0];
    const perUser = Math.ceil(size.cards / size.users);
    const perCard = Math.max(1, Math.round(size.reviews / size.cards));
    if (perUser > questions) throw new Error(`${perUser} cards per user, but the bank has ${questions} questions`);
    if (seeded >= size.users) {
      log(`seed: ${seeded} seeded users already present; nothing to do`);
      return;
    }
    const time = async (label: string, sql: string, values: unknown[] = []) => {
      const started = performance.now();
      const result = await client.query(sql, values);
      log(`seed: ${label}: ${result.rowCount} rows in ${Math.round(performance.now() - started)} ms`);
    };
    await client.query(`SET synchronous_commit = off`);
    await time(
      'users',
      `INSERT INTO users (email, password_hash, display_name, timezone)
       SELECT 'load-' || g || '@${SEED_EMAIL_DOMAIN}', 'not-a-real-hash', 'Load user ' || g,
              (ARRAY['UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata'])[1 + g % 4]
         FROM generate_series($1::int + 1, $2::int) AS g
       ON CONFLICT (email) DO NOTHING`,
      [seeded, size.users],
    );
    await time(
      'cards',
      `INSERT INTO cards (user_id, question_id, state, due_at, stability, difficulty, elapsed_days, scheduled_days,
                          reps, lapses, last_review_at, created_at)
       SELECT u.id, q.id,
              CASE WHEN random() < 0.05 THEN 1 ELSE 2 END,
              now() + (random() * 40 - 8) * interval '1 day',
              0.5 + random() * 90, 1 + random() * 9, 3, 5, $2::int, (random() < 0.1)::int,
              now() - (1 + random() * 30) * interval '1 day',
              now() - interval '120 days'
         FROM users u
         CROSS JOIN LATERAL (
           SELECT id FROM questions WHERE slug IS NOT NULL AND retired_at IS NULL
            ORDER BY md5(u.id::text || id::text) LIMIT $1
         ) q
        WHERE u.email LIKE '%@${SEED_EMAIL_DOMAIN}'
          AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.user_id = u.id)
       ON CONFLICT (user_id, question_id) DO NOTHING`,
      [perUser, perCard],
    );
    await time(
      'reviews',
      `INSERT INTO reviews (card_id, user_id, question_id, rubric_revision_id, rating, score, reviewed_at,
                            state_before, state_after, answer)
       SELECT c.id, c.user_id, c.question_id, r.id, 1 + (k + abs(hashtext(c.id::text))) % 4, NULL,
              c.last_review_at - k * interval '4 days',
              '{"state":"review"}', '{"state":"review"}', NULL
         FROM cards c
         JOIN users u ON u.id = c.user_id AND u.email LIKE '%@${SEED_EMAIL_DOMAIN}'
         JOIN questions q ON q.id = c.question_id
         JOIN rubric_revisions r ON r.question_id = q.id AND r.revision = q.rubric_revision
         CROSS JOIN generate_series(0, $1::int - 1) AS k
        WHERE NOT EXISTS (SELECT 1 FROM reviews x WHERE x.card_id = c.id)`,
      [perCard],
    );
    // Vacuumed now, so that autovacuum does not wake on millions of fresh rows mid-bench and
    // slow whichever side happens to be measured then.
    await time('vacuum', `VACUUM (ANALYZE) users, cards, reviews, questions, topics, sessions`);
  } finally {
    await client.end();
  }
}
