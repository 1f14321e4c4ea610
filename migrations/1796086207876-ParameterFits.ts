import { MigrationInterface, QueryRunner } from "typeorm";

export class ParameterFits1796086207876 implements MigrationInterface {
    name = 'ParameterFits1796086207876'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "parameter_fits" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'queued',
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "review_count" integer,
                "weights" jsonb,
                "evaluation" jsonb,
                "reason" text,
                "recomputed_cards" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_fa54185d9cfcb8192163922a7a8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "parameter_fits_user_requested_idx" ON "parameter_fits" ("user_id", "requested_at")
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
            DROP INDEX "public"."parameter_fits_user_requested_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "parameter_fits"
        `);
    }

}
