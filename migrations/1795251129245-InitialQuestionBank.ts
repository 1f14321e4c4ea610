import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialQuestionBank1795251129245 implements MigrationInterface {
    name = 'InitialQuestionBank1795251129245'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "topics" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" character varying(80) NOT NULL,
                "name" character varying(200) NOT NULL,
                "position" integer NOT NULL,
                "retired_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e4aa99a3fa60ec3a37d1fc4e853" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "topics_slug_key" ON "topics" ("slug")
        `);
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES ($1, $2, $3, $4, $5, $6)
        `, ["interval","public","questions","GENERATED_COLUMN","search_vector","setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, prompt), 'B') || setweight(to_tsvector('english'::regconfig, model_answer), 'C')"]);
        await queryRunner.query(`
            CREATE TABLE "questions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" character varying(80),
                "topic_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "prompt" text NOT NULL,
                "difficulty" smallint NOT NULL,
                "kind" character varying(20) NOT NULL,
                "tags" text array NOT NULL DEFAULT '{}',
                "model_answer" text NOT NULL,
                "follow_ups" text array NOT NULL DEFAULT '{}',
                "revision" integer NOT NULL,
                "rubric_revision" integer NOT NULL,
                "content_hash" character(64),
                "search_vector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, prompt), 'B') || setweight(
                        to_tsvector('english'::regconfig, model_answer),
                        'C'
                    )
                ) STORED NOT NULL,
                "retired_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "questions_kind_check" CHECK (
                    kind IN (
                        'concept',
                        'design',
                        'behavioural',
                        'troubleshooting'
                    )
                ),
                CONSTRAINT "questions_difficulty_check" CHECK (
                    difficulty BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "questions_slug_key" ON "questions" ("slug")
        `);
        await queryRunner.query(`
            CREATE INDEX "questions_topic_listing_idx" ON "questions" ("topic_id", "difficulty", "title", "id")
            WHERE retired_at IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "questions_listing_idx" ON "questions" ("difficulty", "title", "id")
            WHERE retired_at IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "question_revisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "question_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "topic_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "prompt" text NOT NULL,
                "difficulty" smallint NOT NULL,
                "kind" character varying(20) NOT NULL,
                "tags" text array NOT NULL,
                "model_answer" text NOT NULL,
                "follow_ups" text array NOT NULL,
                "content_hash" character(64),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "question_revisions_question_revision_key" UNIQUE ("question_id", "revision"),
                CONSTRAINT "PK_ea234e255d05fb7544375e67960" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "rubric_revisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "question_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "criteria" jsonb NOT NULL,
                "red_flags" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "rubric_revisions_question_revision_key" UNIQUE ("question_id", "revision"),
                CONSTRAINT "PK_4503f34170145ca6280fb714270" PRIMARY KEY ("id")
            )
        `);
        // Written by hand: the entity decorators cannot declare GIN indexes (marked synchronize: false there).
        await queryRunner.query(`
            CREATE INDEX "questions_search_vector_idx" ON "questions" USING GIN ("search_vector")
        `);
        await queryRunner.query(`
            CREATE INDEX "questions_tags_idx" ON "questions" USING GIN ("tags")
        `);
        await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "FK_e29a77ea64df3fb567c4c200a9e" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "question_revisions"
            ADD CONSTRAINT "FK_f7ccbad0f1a856eeec2d68cc32e" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "rubric_revisions"
            ADD CONSTRAINT "FK_fa98057c36e93da9bc9f4c8d3b3" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."questions_tags_idx"`);
        await queryRunner.query(`DROP INDEX "public"."questions_search_vector_idx"`);
        await queryRunner.query(`
            ALTER TABLE "rubric_revisions" DROP CONSTRAINT "FK_fa98057c36e93da9bc9f4c8d3b3"
        `);
        await queryRunner.query(`
            ALTER TABLE "question_revisions" DROP CONSTRAINT "FK_f7ccbad0f1a856eeec2d68cc32e"
        `);
        await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "FK_e29a77ea64df3fb567c4c200a9e"
        `);
        await queryRunner.query(`
            DROP TABLE "rubric_revisions"
        `);
        await queryRunner.query(`
            DROP TABLE "question_revisions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."questions_listing_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."questions_topic_listing_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."questions_slug_key"
        `);
        await queryRunner.query(`
            DROP TABLE "questions"
        `);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "database" = $3
                AND "schema" = $4
                AND "table" = $5
        `, ["GENERATED_COLUMN","search_vector","interval","public","questions"]);
        await queryRunner.query(`
            DROP INDEX "public"."topics_slug_key"
        `);
        await queryRunner.query(`
            DROP TABLE "topics"
        `);
    }

}
