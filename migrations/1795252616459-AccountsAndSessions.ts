import { MigrationInterface, QueryRunner } from "typeorm";

export class AccountsAndSessions1795252616459 implements MigrationInterface {
    name = 'AccountsAndSessions1795252616459'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(320) NOT NULL,
                "password_hash" text NOT NULL,
                "display_name" character varying(100) NOT NULL,
                "role" character varying(10) NOT NULL DEFAULT 'user',
                "timezone" character varying(64) NOT NULL DEFAULT 'UTC',
                "day_starts_at_hour" smallint NOT NULL DEFAULT '4',
                "daily_new_limit" smallint NOT NULL DEFAULT '10',
                "desired_retention" numeric(3, 2) NOT NULL DEFAULT '0.9',
                "interview_date" date,
                "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "users_desired_retention_check" CHECK (
                    desired_retention BETWEEN 0.70 AND 0.99
                ),
                CONSTRAINT "users_daily_new_limit_check" CHECK (
                    daily_new_limit BETWEEN 0 AND 500
                ),
                CONSTRAINT "users_day_starts_at_hour_check" CHECK (
                    day_starts_at_hour BETWEEN 0 AND 23
                ),
                CONSTRAINT "users_role_check" CHECK (role IN ('user', 'admin')),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")
        `);
        await queryRunner.query(`
            CREATE TABLE "rate_limit_buckets" (
                "key" character varying(200) NOT NULL,
                "hits" integer NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_9eb2f8a2ae370667b4ca83dd313" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "rate_limit_buckets_expires_idx" ON "rate_limit_buckets" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "idle_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "absolute_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "user_agent" character varying(512),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "sessions_user_idx" ON "sessions" ("user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."sessions_user_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."sessions_token_hash_key"
        `);
        await queryRunner.query(`
            DROP TABLE "sessions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."rate_limit_buckets_expires_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "rate_limit_buckets"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."users_email_key"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
    }

}
