CREATE TABLE "endpoint_metrics" (
	"endpoint_id" uuid NOT NULL,
	"resolution" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"ready_seconds" double precision DEFAULT 0 NOT NULL,
	"billed_seconds" double precision DEFAULT 0 NOT NULL,
	"storage_seconds" double precision DEFAULT 0 NOT NULL,
	"max_ready" integer DEFAULT 0 NOT NULL,
	"max_target" integer DEFAULT 0 NOT NULL,
	"compute_cost" double precision DEFAULT 0 NOT NULL,
	"storage_cost" double precision DEFAULT 0 NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"status_2xx" integer DEFAULT 0 NOT NULL,
	"status_4xx" integer DEFAULT 0 NOT NULL,
	"status_5xx" integer DEFAULT 0 NOT NULL,
	"latency_ms_sum" double precision DEFAULT 0 NOT NULL,
	"latency_ms_max" double precision DEFAULT 0 NOT NULL,
	"latency_histogram" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"cold_starts" integer DEFAULT 0 NOT NULL,
	"cold_start_ms_sum" double precision DEFAULT 0 NOT NULL,
	"cold_start_ms_max" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "endpoint_metrics_endpoint_id_resolution_bucket_pk" PRIMARY KEY("endpoint_id","resolution","bucket")
);
--> statement-breakpoint
CREATE TABLE "instance_prices" (
	"instance_type" text NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"price_per_hour" double precision NOT NULL,
	"storage_price_per_hour" double precision NOT NULL,
	CONSTRAINT "instance_prices_instance_type_effective_from_pk" PRIMARY KEY("instance_type","effective_from")
);
--> statement-breakpoint
ALTER TABLE "endpoints" ADD COLUMN "metrics_through" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "request_stats" ADD COLUMN "latency_histogram" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "endpoint_metrics" ADD CONSTRAINT "endpoint_metrics_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "endpoint_metrics_resolution_bucket_idx" ON "endpoint_metrics" USING btree ("resolution","bucket");