import { MigrationInterface, QueryRunner } from "typeorm";

export class StudyGroups1795254885117 implements MigrationInterface {
    name = 'StudyGroups1795254885117'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "study_groups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "invite_code_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d3c236286b727d74553c7a88dc3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "study_groups_invite_code_key" ON "study_groups" ("invite_code_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "study_group_members" (
                "group_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" character varying(10) NOT NULL,
                "is_on_leaderboard" boolean NOT NULL DEFAULT false,
                "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "study_group_members_role_check" CHECK (role IN ('owner', 'admin', 'member')),
                CONSTRAINT "PK_881393b00d9e2e72ba4a9fa242d" PRIMARY KEY ("group_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "study_group_members_user_idx" ON "study_group_members" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "group_assignments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "group_id" uuid NOT NULL,
                "question_set_id" uuid NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "group_assignments_group_set_key" UNIQUE ("group_id", "question_set_id"),
                CONSTRAINT "PK_979bd3c3b8a634e63d2edc6de99" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "group_assignments_set_idx" ON "group_assignments" ("question_set_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "study_group_members"
            ADD CONSTRAINT "FK_7de200fe18e075256e69ba03704" FOREIGN KEY ("group_id") REFERENCES "study_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "study_group_members"
            ADD CONSTRAINT "FK_aa92f9a2356ec84a24557f05926" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "group_assignments"
            ADD CONSTRAINT "FK_0138866a9613b7db4ac8da66d05" FOREIGN KEY ("group_id") REFERENCES "study_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "group_assignments"
            ADD CONSTRAINT "FK_1aa3f479b5416daba0670ca6e56" FOREIGN KEY ("question_set_id") REFERENCES "question_sets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "group_assignments" DROP CONSTRAINT "FK_1aa3f479b5416daba0670ca6e56"
        `);
        await queryRunner.query(`
            ALTER TABLE "group_assignments" DROP CONSTRAINT "FK_0138866a9613b7db4ac8da66d05"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_group_members" DROP CONSTRAINT "FK_aa92f9a2356ec84a24557f05926"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_group_members" DROP CONSTRAINT "FK_7de200fe18e075256e69ba03704"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."group_assignments_set_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "group_assignments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."study_group_members_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "study_group_members"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."study_groups_invite_code_key"
        `);
        await queryRunner.query(`
            DROP TABLE "study_groups"
        `);
    }

}
