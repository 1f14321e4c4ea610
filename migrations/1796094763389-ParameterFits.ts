import { MigrationInterface, QueryRunner } from "typeorm";

export class ParameterFits1796094763389 implements MigrationInterface {
    name = 'ParameterFits1796094763389'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "parameter_fits" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'queued',
                "trigger" text NOT NULL DEFAULT 'manual',
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "review_count" integer,
                "weights" jsonb,
                "evaluation" jsonb,
                "reason" text,
                "recomputed_cards" integer NOT NULL DEFAULT '0',
                "cards_to_recompute" integer,
                CONSTRAINT "PK_fa54185d9cfcb8192163922a7a8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "parameter_fits_one_open_idx" ON "parameter_fits" ("user_id")
            WHERE status IN ('queued', 'running')
        `);
        await queryRunner.query(`
            CREATE INDEX "parameter_fits_user_requested_idx" ON "parameter_fits" ("user_id", "requested_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "fsrs_population_priors" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "fitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "user_count" integer NOT NULL,
                "review_count" integer NOT NULL,
                "weights" jsonb NOT NULL,
                "evaluation" jsonb NOT NULL,
                "is_adopted" boolean NOT NULL,
                CONSTRAINT "PK_4eb37081b5aa429ea4227831195" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "fsrs_weights" jsonb
        `);
        await queryRunner.query(`
            ALTER TABLE "parameter_fits"
            ADD CONSTRAINT "FK_830ddd3785394e1e061a35dfea5" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "parameter_fits" DROP CONSTRAINT "FK_830ddd3785394e1e061a35dfea5"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "fsrs_weights"
        `);
        await queryRunner.query(`
            DROP TABLE "fsrs_population_priors"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."parameter_fits_user_requested_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."parameter_fits_one_open_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "parameter_fits"
        `);
    }

}
