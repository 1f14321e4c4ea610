import { MigrationInterface, QueryRunner } from "typeorm";

export class PracticeCardsAndReviews1795253300403 implements MigrationInterface {
    name = 'PracticeCardsAndReviews1795253300403'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "user_id" uuid NOT NULL,
                "key" character varying(200) NOT NULL,
                "request_hash" character(64) NOT NULL,
                "response_status" smallint,
                "response_body" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "deck_topics" (
                "user_id" uuid NOT NULL,
                "topic_id" uuid NOT NULL,
                CONSTRAINT "PK_38c0e7e9a7d9c5d4b95f258943c" PRIMARY KEY ("user_id", "topic_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "cards" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "question_id" uuid NOT NULL,
                "state" smallint NOT NULL DEFAULT '0',
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "stability" double precision NOT NULL DEFAULT '0',
                "difficulty" double precision NOT NULL DEFAULT '0',
                "elapsed_days" integer NOT NULL DEFAULT '0',
                "scheduled_days" integer NOT NULL DEFAULT '0',
                "learning_steps" integer NOT NULL DEFAULT '0',
                "reps" integer NOT NULL DEFAULT '0',
                "lapses" integer NOT NULL DEFAULT '0',
                "last_review_at" TIMESTAMP WITH TIME ZONE,
                "is_suspended" boolean NOT NULL DEFAULT false,
                "buried_until" TIMESTAMP WITH TIME ZONE,
                "is_leech" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "cards_user_question_key" UNIQUE ("user_id", "question_id"),
                CONSTRAINT "cards_state_check" CHECK (
                    state BETWEEN 0 AND 3
                ),
                CONSTRAINT "PK_5f3269634705fdff4a9935860fc" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "cards_user_created_idx" ON "cards" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "cards_queue_idx" ON "cards" ("user_id", "due_at")
            WHERE NOT is_suspended
        `);
        await queryRunner.query(`
            CREATE TABLE "reviews" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "card_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "question_id" uuid NOT NULL,
                "rubric_revision_id" uuid NOT NULL,
                "answer" text,
                "criteria_met" text array,
                "score" real,
                "rating" smallint NOT NULL,
                "duration_ms" integer,
                "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "state_before" jsonb NOT NULL,
                "state_after" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "reviews_rating_check" CHECK (
                    rating BETWEEN 1 AND 4
                ),
                CONSTRAINT "PK_231ae565c273ee700b283f15c1d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "reviews_user_idx" ON "reviews" ("user_id", "reviewed_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "reviews_card_idx" ON "reviews" ("card_id", "reviewed_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_keys"
            ADD CONSTRAINT "FK_4d2181624ba2d61e76a07175198" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "deck_topics"
            ADD CONSTRAINT "FK_320e496ad59571ed02560a5dcd1" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "deck_topics"
            ADD CONSTRAINT "FK_8be3be7d1a3bbbe10e38ba8052f" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cards"
            ADD CONSTRAINT "FK_1c54b595af68cc3870b651e11c9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cards"
            ADD CONSTRAINT "FK_f907a365bddfb276bd2945d3cfc" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "reviews"
            ADD CONSTRAINT "FK_f7daeb5502e16fd7ad95969586d" FOREIGN KEY ("card_id") REFERENCES "cards"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "reviews"
            ADD CONSTRAINT "FK_6ed91e5b8e8048a5c873193a2f3" FOREIGN KEY ("rubric_revision_id") REFERENCES "rubric_revisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // Written by hand: review history is never rewritten (rows go only with their user or card).
        await queryRunner.query(`
            CREATE FUNCTION reviews_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'reviews are append-only';
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER reviews_append_only BEFORE UPDATE ON "reviews"
            FOR EACH ROW EXECUTE FUNCTION reviews_are_append_only()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER reviews_append_only ON "reviews"`);
        await queryRunner.query(`DROP FUNCTION reviews_are_append_only()`);
        await queryRunner.query(`
            ALTER TABLE "reviews" DROP CONSTRAINT "FK_6ed91e5b8e8048a5c873193a2f3"
        `);
        await queryRunner.query(`
            ALTER TABLE "reviews" DROP CONSTRAINT "FK_f7daeb5502e16fd7ad95969586d"
        `);
        await queryRunner.query(`
            ALTER TABLE "cards" DROP CONSTRAINT "FK_f907a365bddfb276bd2945d3cfc"
        `);
        await queryRunner.query(`
            ALTER TABLE "cards" DROP CONSTRAINT "FK_1c54b595af68cc3870b651e11c9"
        `);
        await queryRunner.query(`
            ALTER TABLE "deck_topics" DROP CONSTRAINT "FK_8be3be7d1a3bbbe10e38ba8052f"
        `);
        await queryRunner.query(`
            ALTER TABLE "deck_topics" DROP CONSTRAINT "FK_320e496ad59571ed02560a5dcd1"
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_keys" DROP CONSTRAINT "FK_4d2181624ba2d61e76a07175198"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."reviews_card_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."reviews_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "reviews"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cards_queue_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cards_user_created_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "cards"
        `);
        await queryRunner.query(`
            DROP TABLE "deck_topics"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
    }

}
