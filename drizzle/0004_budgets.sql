ALTER TABLE "endpoints" ADD COLUMN "monthly_budget" double precision;--> statement-breakpoint
ALTER TABLE "endpoints" ADD COLUMN "pause_at_budget" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "endpoints" ADD COLUMN "budget_alerted_month" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "monthly_budget" double precision;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "budget_alerted_month" text;