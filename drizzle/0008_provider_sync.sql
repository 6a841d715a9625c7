ALTER TABLE "endpoints" ADD COLUMN "provider_spec" jsonb;--> statement-breakpoint
ALTER TABLE "endpoints" ADD COLUMN "provider_synced" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "endpoints" ADD COLUMN "provider_url" text;