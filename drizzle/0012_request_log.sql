CREATE TABLE "request_log" (
	"endpoint_id" uuid NOT NULL,
	"second" timestamp with time zone NOT NULL,
	"offsets_ms" smallint[] NOT NULL,
	"service_ms" integer[] NOT NULL,
	"held_ms" integer[] NOT NULL,
	"statuses" smallint[] NOT NULL,
	"unlisted" integer DEFAULT 0 NOT NULL,
	"unlisted_held" integer DEFAULT 0 NOT NULL,
	"unlisted_service_histogram" integer[] DEFAULT '{}'::integer[] NOT NULL,
	CONSTRAINT "request_log_endpoint_id_second_pk" PRIMARY KEY("endpoint_id","second")
);
--> statement-breakpoint
ALTER TABLE "request_log" ADD CONSTRAINT "request_log_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;