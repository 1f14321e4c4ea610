import { MigrationInterface, QueryRunner } from "typeorm";

export class ImportedReviewsWithoutReviewKey1796097232525 implements MigrationInterface {
    name = 'ImportedReviewsWithoutReviewKey1796097232525'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "imported_reviews" DROP CONSTRAINT "FK_58f32d6034376d1d80b9a81d6e9"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."imported_reviews_review_idx"
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "imported_reviews_review_idx" ON "imported_reviews" USING btree ("review_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "imported_reviews"
            ADD CONSTRAINT "FK_58f32d6034376d1d80b9a81d6e9" FOREIGN KEY ("review_id") REFERENCES "reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

}
