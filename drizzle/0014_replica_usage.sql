CREATE TABLE "replica_usage" (
	"replica_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"cpu_seconds" double precision NOT NULL,
	"interval_seconds" double precision NOT NULL,
	"rss_bytes" double precision NOT NULL,
	CONSTRAINT "replica_usage_replica_id_at_pk" PRIMARY KEY("replica_id","at")
);
--> statement-breakpoint
ALTER TABLE "endpoint_metrics" ADD COLUMN "cpu_seconds" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "endpoint_metrics" ADD COLUMN "usage_seconds" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "endpoint_metrics" ADD COLUMN "memory_bytes_max" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "replica_usage" ADD CONSTRAINT "replica_usage_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "replica_usage_endpoint_at_idx" ON "replica_usage" USING btree ("endpoint_id","at");