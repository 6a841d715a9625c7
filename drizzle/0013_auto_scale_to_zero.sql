ALTER TABLE "endpoints" ADD COLUMN "scale_to_zero_auto" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "endpoints" ADD COLUMN "cold_start_worth_minutes" integer;--> statement-breakpoint
ALTER TABLE "endpoints" ADD COLUMN "scale_to_zero_learned_seconds" integer;