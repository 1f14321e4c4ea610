import { MigrationInterface, QueryRunner } from "typeorm";

export class RubricRevisionOfQuestionRevisions1796078100000 implements MigrationInterface {
    name = 'RubricRevisionOfQuestionRevisions1796078100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "question_revisions"
            ADD "rubric_revision" integer
        `);
        // Written by hand: until now an edit wrote its question revision and any new rubric
        // revision in one transaction, so both carry that transaction's now(); the rubric a
        // question revision was graded on is the latest one created by then.
        await queryRunner.query(`
            UPDATE "question_revisions" qr
               SET "rubric_revision" = coalesce(
                     (SELECT max(rr."revision") FROM "rubric_revisions" rr
                       WHERE rr."question_id" = qr."question_id" AND rr."created_at" <= qr."created_at"),
                     1)
        `);
        await queryRunner.query(`
            ALTER TABLE "question_revisions"
            ALTER COLUMN "rubric_revision" SET NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "question_revisions" DROP COLUMN "rubric_revision"
        `);
    }

}
