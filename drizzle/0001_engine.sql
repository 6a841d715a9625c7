CREATE TYPE "public"."endpoint_state" AS ENUM('pending', 'initializing', 'running', 'scaledToZero', 'updating', 'paused', 'failed', 'deleted');--> statement-breakpoint
CREATE TABLE "cold_starts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ready_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "endpoint_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"model" text NOT NULL,
	"provider" text NOT NULL,
	"instance_type" text NOT NULL,
	"region" text,
	"autoscaling" boolean DEFAULT true NOT NULL,
	"min_replicas" integer NOT NULL,
	"max_replicas" integer NOT NULL,
	"scale_to_zero_seconds" integer DEFAULT 900 NOT NULL,
	"target_concurrency" integer DEFAULT 4 NOT NULL,
	"desired_state" text DEFAULT 'running' NOT NULL,
	"state" "endpoint_state" DEFAULT 'pending' NOT NULL,
	"state_message" text,
	"runtime" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"protected" boolean DEFAULT false NOT NULL,
	"target_replicas" integer DEFAULT 0 NOT NULL,
	"ready_replicas" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "replica_samples" (
	"endpoint_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ready" integer NOT NULL,
	"target" integer NOT NULL,
	CONSTRAINT "replica_samples_endpoint_id_at_pk" PRIMARY KEY("endpoint_id","at")
);
--> statement-breakpoint
CREATE TABLE "replicas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"pid" integer,
	"port" integer,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "request_stats" (
	"endpoint_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"requests" integer NOT NULL,
	"status_2xx" integer NOT NULL,
	"status_4xx" integer NOT NULL,
	"status_5xx" integer NOT NULL,
	"latency_ms_sum" double precision NOT NULL,
	"latency_ms_max" double precision NOT NULL,
	CONSTRAINT "request_stats_endpoint_id_at_pk" PRIMARY KEY("endpoint_id","at")
);
--> statement-breakpoint
ALTER TABLE "cold_starts" ADD CONSTRAINT "cold_starts_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endpoint_events" ADD CONSTRAINT "endpoint_events_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replica_samples" ADD CONSTRAINT "replica_samples_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replicas" ADD CONSTRAINT "replicas_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_stats" ADD CONSTRAINT "request_stats_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cold_starts_endpoint_at_idx" ON "cold_starts" USING btree ("endpoint_id","started_at");--> statement-breakpoint
CREATE INDEX "endpoint_events_endpoint_at_idx" ON "endpoint_events" USING btree ("endpoint_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "endpoints_org_name_key" ON "endpoints" USING btree ("organization_id","name") WHERE "endpoints"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "endpoints_org_idx" ON "endpoints" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "replicas_endpoint_status_idx" ON "replicas" USING btree ("endpoint_id","status");