ALTER TABLE "endpoints" ADD COLUMN "schedule" jsonb;--> statement-breakpoint
ALTER TABLE "endpoints" ADD COLUMN "schedule_applied" text;