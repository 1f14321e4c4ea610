import { MigrationInterface, QueryRunner } from "typeorm";

export class PracticeUndoAndCram1796076150779 implements MigrationInterface {
    name = 'PracticeUndoAndCram1796076150779'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "cram_answers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "question_id" uuid NOT NULL,
                "rubric_revision_id" uuid NOT NULL,
                "answer" text,
                "criteria_met" text array,
                "score" real,
                "rating" smallint NOT NULL,
                "duration_ms" integer,
                "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "cram_answers_rating_check" CHECK (
                    rating BETWEEN 1 AND 4
                ),
                CONSTRAINT "PK_822bc5929b82b0bd7d8feb69a82" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "cram_answers_user_idx" ON "cram_answers" ("user_id", "answered_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "cram_answers_user_question_idx" ON "cram_answers" ("user_id", "question_id", "answered_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "review_undos" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "review_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "undone_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "review_undos_review_key" UNIQUE ("review_id"),
                CONSTRAINT "PK_31c425e30c6c22f8dc2f085bed2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "cram_answers"
            ADD CONSTRAINT "FK_3f8728278fda1021371f40a3009" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cram_answers"
            ADD CONSTRAINT "FK_a23f8638c97bcb92a7500f5284c" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cram_answers"
            ADD CONSTRAINT "FK_d642176bf992f1d9b3a96f65ff5" FOREIGN KEY ("rubric_revision_id") REFERENCES "rubric_revisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "review_undos"
            ADD CONSTRAINT "FK_df2f0be904a1b835acc5c7984d5" FOREIGN KEY ("review_id") REFERENCES "reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "review_undos"
            ADD CONSTRAINT "FK_b6fd1b716c0da06bcbb35289863" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Written by hand: undos and cram answers are history, as reviews are: never rewritten
        // (rows go only with their user, question or review).
        await queryRunner.query(`
            CREATE FUNCTION history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER review_undos_append_only BEFORE UPDATE ON "review_undos"
            FOR EACH ROW EXECUTE FUNCTION history_is_append_only()
        `);
        await queryRunner.query(`
            CREATE TRIGGER cram_answers_append_only BEFORE UPDATE ON "cram_answers"
            FOR EACH ROW EXECUTE FUNCTION history_is_append_only()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER cram_answers_append_only ON "cram_answers"`);
        await queryRunner.query(`DROP TRIGGER review_undos_append_only ON "review_undos"`);
        await queryRunner.query(`DROP FUNCTION history_is_append_only()`);
        await queryRunner.query(`
            ALTER TABLE "review_undos" DROP CONSTRAINT "FK_b6fd1b716c0da06bcbb35289863"
        `);
        await queryRunner.query(`
            ALTER TABLE "review_undos" DROP CONSTRAINT "FK_df2f0be904a1b835acc5c7984d5"
        `);
        await queryRunner.query(`
            ALTER TABLE "cram_answers" DROP CONSTRAINT "FK_d642176bf992f1d9b3a96f65ff5"
        `);
        await queryRunner.query(`
            ALTER TABLE "cram_answers" DROP CONSTRAINT "FK_a23f8638c97bcb92a7500f5284c"
        `);
        await queryRunner.query(`
            ALTER TABLE "cram_answers" DROP CONSTRAINT "FK_3f8728278fda1021371f40a3009"
        `);
        await queryRunner.query(`
            DROP TABLE "review_undos"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cram_answers_user_question_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cram_answers_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "cram_answers"
        `);
    }

}
