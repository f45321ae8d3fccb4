-- Accounts made before addresses were verified keep working: they count as verified from the
-- day they were made. (On a new database this changes nothing: no account exists yet.)
UPDATE "users" SET "email_verified_at" = "created_at" WHERE "email_verified_at" IS NULL;
