ALTER TABLE "endpoints" ADD COLUMN "active_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "endpoints" SET "active_since" = "created_at";
