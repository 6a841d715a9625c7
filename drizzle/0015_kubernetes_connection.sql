ALTER TABLE "provider_connections" ADD COLUMN "api_url" text;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "ca_data" text;