import { MigrationInterface, QueryRunner } from "typeorm";

export class ImportsAndCards1796077226987 implements MigrationInterface {
    name = 'ImportsAndCards1796077226987'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Written by hand: the generator does not see a changed check expression under the same name.
        await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "questions_kind_check"
        `);
        await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "questions_kind_check" CHECK (
                kind IN ('concept', 'design', 'behavioural', 'troubleshooting', 'card')
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "imports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "format" character varying(10) NOT NULL,
                "file_name" character varying(255) NOT NULL,
                "byte_size" bigint NOT NULL,
                "options" jsonb NOT NULL DEFAULT '{}',
                "status" character varying(10) NOT NULL DEFAULT 'queued',
                "progress" real NOT NULL DEFAULT '0',
                "counts" jsonb,
                "skipped" jsonb NOT NULL DEFAULT '[]',
                "media" jsonb,
                "error" jsonb,
                "attempts" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "imports_progress_check" CHECK (
                    progress BETWEEN 0 AND 1
                ),
                CONSTRAINT "imports_format_check" CHECK (format IN ('apkg', 'csv')),
                CONSTRAINT "imports_status_check" CHECK (
                    status IN ('queued', 'running', 'succeeded', 'failed')
                ),
                CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "imports_user_idx" ON "imports" ("user_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "import_chunks" (
                "import_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "data" bytea NOT NULL,
                CONSTRAINT "PK_17be9951f9d1f93f12d19a577d8" PRIMARY KEY ("import_id", "seq")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "anki_note_cards" (
                "user_id" uuid NOT NULL,
                "note_guid" character varying(100) NOT NULL,
                "card_ord" integer NOT NULL,
                "question_id" uuid NOT NULL,
                CONSTRAINT "PK_fbb016dab35200c07c795dc1806" PRIMARY KEY ("user_id", "note_guid", "card_ord")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "anki_note_cards_question_idx" ON "anki_note_cards" ("question_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "anki_decks" (
                "user_id" uuid NOT NULL,
                "deck_id" bigint NOT NULL,
                "set_id" uuid NOT NULL,
                CONSTRAINT "PK_62197f77a299a0a5dc81ad3333f" PRIMARY KEY ("user_id", "deck_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "anki_decks_set_idx" ON "anki_decks" ("set_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "imported_reviews" (
                "user_id" uuid NOT NULL,
                "anki_revlog_id" bigint NOT NULL,
                "review_id" uuid NOT NULL,
                CONSTRAINT "PK_72f24d6c3b1d8fba8cd925cce32" PRIMARY KEY ("user_id", "anki_revlog_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "imported_reviews_review_idx" ON "imported_reviews" ("review_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "imports"
            ADD CONSTRAINT "FK_03e69994a0b9e3084b4790f8d7b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "import_chunks"
            ADD CONSTRAINT "FK_063de3b8d36d5e547605d30f87f" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "anki_note_cards"
            ADD CONSTRAINT "FK_3043f407c3b510c3ab2abf10661" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "anki_note_cards"
            ADD CONSTRAINT "FK_804da91c67ddb77065ad91c493c" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "anki_decks"
            ADD CONSTRAINT "FK_2eb6f8882a5067c6c94b36db253" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "anki_decks"
            ADD CONSTRAINT "FK_64b887fa176a9e4969361a73f1a" FOREIGN KEY ("set_id") REFERENCES "question_sets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "imported_reviews"
            ADD CONSTRAINT "FK_9d12f3f30a50a73c3ba77486c13" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "imported_reviews"
            ADD CONSTRAINT "FK_58f32d6034376d1d80b9a81d6e9" FOREIGN KEY ("review_id") REFERENCES "reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "imported_reviews" DROP CONSTRAINT "FK_58f32d6034376d1d80b9a81d6e9"
        `);
        await queryRunner.query(`
            ALTER TABLE "imported_reviews" DROP CONSTRAINT "FK_9d12f3f30a50a73c3ba77486c13"
        `);
        await queryRunner.query(`
            ALTER TABLE "anki_decks" DROP CONSTRAINT "FK_64b887fa176a9e4969361a73f1a"
        `);
        await queryRunner.query(`
            ALTER TABLE "anki_decks" DROP CONSTRAINT "FK_2eb6f8882a5067c6c94b36db253"
        `);
        await queryRunner.query(`
            ALTER TABLE "anki_note_cards" DROP CONSTRAINT "FK_804da91c67ddb77065ad91c493c"
        `);
        await queryRunner.query(`
            ALTER TABLE "anki_note_cards" DROP CONSTRAINT "FK_3043f407c3b510c3ab2abf10661"
        `);
        await queryRunner.query(`
            ALTER TABLE "import_chunks" DROP CONSTRAINT "FK_063de3b8d36d5e547605d30f87f"
        `);
        await queryRunner.query(`
            ALTER TABLE "imports" DROP CONSTRAINT "FK_03e69994a0b9e3084b4790f8d7b"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."imported_reviews_review_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "imported_reviews"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."anki_decks_set_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "anki_decks"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."anki_note_cards_question_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "anki_note_cards"
        `);
        await queryRunner.query(`
            DROP TABLE "import_chunks"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."imports_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "imports"
        `);
        // Fails while card questions exist: they cannot be turned into another kind.
        await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "questions_kind_check"
        `);
        await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "questions_kind_check" CHECK (
                kind IN ('concept', 'design', 'behavioural', 'troubleshooting')
            )
        `);
    }

}
