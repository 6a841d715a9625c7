CREATE TABLE "replica_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"replica_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"stream" text NOT NULL,
	"line" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "replica_logs" ADD CONSTRAINT "replica_logs_endpoint_id_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "replica_logs_endpoint_at_idx" ON "replica_logs" USING btree ("endpoint_id","at");--> statement-breakpoint
CREATE INDEX "replica_logs_replica_idx" ON "replica_logs" USING btree ("replica_id","id");