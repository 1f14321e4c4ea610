import { MigrationInterface, QueryRunner } from "typeorm";

export class QuestionSetsAndInterviews1795254090531 implements MigrationInterface {
    name = 'QuestionSetsAndInterviews1795254090531'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "interviews" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "interviewer_id" uuid,
                "candidate_id" uuid,
                "question_set_id" uuid,
                "set_title" character varying(200) NOT NULL,
                "status" character varying(12) NOT NULL DEFAULT 'scheduled',
                "scheduled_at" TIMESTAMP WITH TIME ZONE,
                "time_limit_minutes" integer,
                "started_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "recommendation" character varying(10),
                "summary" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "interviews_recommendation_check" CHECK (
                    recommendation IS NULL
                    OR recommendation IN ('strong-no', 'no', 'yes', 'strong-yes')
                ),
                CONSTRAINT "interviews_status_check" CHECK (
                    status IN (
                        'scheduled',
                        'in-progress',
                        'submitted',
                        'completed',
                        'cancelled'
                    )
                ),
                CONSTRAINT "PK_fd41af1f96d698fa33c2f070f47" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "interviews_candidate_idx" ON "interviews" ("candidate_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "interviews_interviewer_idx" ON "interviews" ("interviewer_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "interview_questions" (
                "interview_id" uuid NOT NULL,
                "question_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "rubric_revision_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "prompt" text NOT NULL,
                "criteria" jsonb NOT NULL,
                "answer" text,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                "scores" jsonb,
                "notes" text,
                CONSTRAINT "PK_42feead7279e4c938b6f63d7127" PRIMARY KEY ("interview_id", "question_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "question_sets" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "owner_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "visibility" character varying(10) NOT NULL DEFAULT 'private',
                "forked_from_id" uuid,
                "share_token_hash" bytea,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "question_sets_visibility_check" CHECK (visibility IN ('private', 'unlisted', 'public')),
                CONSTRAINT "PK_12966187dea2ccd7eb45d79cd15" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "question_sets_share_token_key" ON "question_sets" ("share_token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "question_sets_public_idx" ON "question_sets" ("created_at")
            WHERE visibility = 'public'
        `);
        await queryRunner.query(`
            CREATE INDEX "question_sets_owner_idx" ON "question_sets" ("owner_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "question_set_items" (
                "set_id" uuid NOT NULL,
                "question_id" uuid NOT NULL,
                "position" integer NOT NULL,
                CONSTRAINT "PK_c1df7301365addd1f3438e1144f" PRIMARY KEY ("set_id", "question_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "question_set_items_question_idx" ON "question_set_items" ("question_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "question_set_members" (
                "set_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" character varying(10) NOT NULL,
                CONSTRAINT "question_set_members_role_check" CHECK (role IN ('viewer', 'editor')),
                CONSTRAINT "PK_085bc2ecf5ef43d122910f0543e" PRIMARY KEY ("set_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "question_set_members_user_idx" ON "question_set_members" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "set_subscriptions" (
                "set_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2e43cfa733ec7894fb7ec6946f8" PRIMARY KEY ("set_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "set_subscriptions_user_idx" ON "set_subscriptions" ("user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "questions"
            ADD "owner_id" uuid
        `);
        await queryRunner.query(`
            CREATE INDEX "questions_owner_idx" ON "questions" ("owner_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "interviews"
            ADD CONSTRAINT "FK_dab087b7d082364ae58637eafbb" FOREIGN KEY ("interviewer_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "interviews"
            ADD CONSTRAINT "FK_74f05927fc5dd3d5258bad5f609" FOREIGN KEY ("candidate_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "interview_questions"
            ADD CONSTRAINT "FK_3e422e705d4c17a63109805b153" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "FK_996c419e80f925ac7c718bd7fcf" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "question_sets"
            ADD CONSTRAINT "FK_b429cedece1ff02b6e557a38945" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "question_set_items"
            ADD CONSTRAINT "FK_d51795c5e431611135b0c057cc6" FOREIGN KEY ("set_id") REFERENCES "question_sets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "question_set_items"
            ADD CONSTRAINT "FK_473103e22cb30d3e2a0d06c26f7" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "question_set_members"
            ADD CONSTRAINT "FK_928d94146adf6be41213f5789a1" FOREIGN KEY ("set_id") REFERENCES "question_sets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "question_set_members"
            ADD CONSTRAINT "FK_249c351638ab72a616fed84addc" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "set_subscriptions"
            ADD CONSTRAINT "FK_65a36118739e1ee72e9c4818f07" FOREIGN KEY ("set_id") REFERENCES "question_sets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "set_subscriptions"
            ADD CONSTRAINT "FK_e9509a729da45c8fb55e8668ad6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "set_subscriptions" DROP CONSTRAINT "FK_e9509a729da45c8fb55e8668ad6"
        `);
        await queryRunner.query(`
            ALTER TABLE "set_subscriptions" DROP CONSTRAINT "FK_65a36118739e1ee72e9c4818f07"
        `);
        await queryRunner.query(`
            ALTER TABLE "question_set_members" DROP CONSTRAINT "FK_249c351638ab72a616fed84addc"
        `);
        await queryRunner.query(`
            ALTER TABLE "question_set_members" DROP CONSTRAINT "FK_928d94146adf6be41213f5789a1"
        `);
        await queryRunner.query(`
            ALTER TABLE "question_set_items" DROP CONSTRAINT "FK_473103e22cb30d3e2a0d06c26f7"
        `);
        await queryRunner.query(`
            ALTER TABLE "question_set_items" DROP CONSTRAINT "FK_d51795c5e431611135b0c057cc6"
        `);
        await queryRunner.query(`
            ALTER TABLE "question_sets" DROP CONSTRAINT "FK_b429cedece1ff02b6e557a38945"
        `);
        await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "FK_996c419e80f925ac7c718bd7fcf"
        `);
        await queryRunner.query(`
            ALTER TABLE "interview_questions" DROP CONSTRAINT "FK_3e422e705d4c17a63109805b153"
        `);
        await queryRunner.query(`
            ALTER TABLE "interviews" DROP CONSTRAINT "FK_74f05927fc5dd3d5258bad5f609"
        `);
        await queryRunner.query(`
            ALTER TABLE "interviews" DROP CONSTRAINT "FK_dab087b7d082364ae58637eafbb"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."questions_owner_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "questions" DROP COLUMN "owner_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."set_subscriptions_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "set_subscriptions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."question_set_members_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "question_set_members"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."question_set_items_question_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "question_set_items"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."question_sets_owner_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."question_sets_public_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."question_sets_share_token_key"
        `);
        await queryRunner.query(`
            DROP TABLE "question_sets"
        `);
        await queryRunner.query(`
            DROP TABLE "interview_questions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."interviews_interviewer_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."interviews_candidate_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "interviews"
        `);
    }

}
