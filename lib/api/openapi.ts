import { z } from "zod";
import { createEndpointSchema } from "@/lib/domain/endpoint";
import { policySchema } from "@/lib/domain/policy";

/** JSON Schema of a zod schema as the API reads it (defaults optional on input). */
const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", examples: ["invalid_input", "not_found", "forbidden", "unauthorized", "conflict"] },
        message: { type: "string" },
        field: { type: "string", description: "The first invalid field, for input errors." },
        fields: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
      },
    },
  },
};

const endpointSchema = {
  type: "object",
  properties: {
    name: { type: "string" },
    model: { type: "string" },
    provider: { type: "string" },
    instanceType: { type: "string" },
    runtime: { type: "object", properties: { name: { type: "string" } } },
    url: { type: "string", description: "The endpoint URL on the gateway; send X-Scale-Up-Timeout to wait through a cold start." },
    state: { type: "string", enum: ["pending", "initializing", "running", "scaledToZero", "updating", "paused", "failed", "deleted"] },
    desiredState: { type: "string", enum: ["running", "paused", "deleted"] },
    stateMessage: { type: ["string", "null"] },
    policy: schemaOf(policySchema()),
    replicas: { type: "object", properties: { ready: { type: "integer" }, target: { type: "integer" } } },
    protected: { type: "boolean" },
    tags: { type: "array", items: { type: "string" } },
    createdAt: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
  },
};

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: describe(code), content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));

function describe(code: number): string {
  return { 400: "Malformed request", 401: "No or invalid API token", 403: "Your role does not allow this", 404: "No such endpoint in your organization", 409: "Not possible in the endpoint's current state", 422: "Invalid input, naming the field" }[code] ?? "Error";
}

const json = (ref: string) => ({ content: { "application/json": { schema: { $ref: ref } } } });
const nameParam = [{ name: "name", in: "path", required: true, schema: { type: "string" } }];
const action = (summary: string) => ({
  post: { summary, parameters: nameParam, responses: { 200: { description: "The endpoint after the action", ...json("#/components/schemas/Endpoint") }, ...errors(401, 403, 404, 409) } },
});

/** A runtime of the install's catalog, by name; a command is refused (422 naming runtime.command). */
function runtimeChoiceSchema(runtimeNames: string[]) {
  return {
    type: "object",
    additionalProperties: false,
    default: { name: "builtin" },
    description: "What each replica runs, chosen by name from the operator's runtime catalog (GET /runtimes).",
    properties: {
      name: { type: "string", enum: runtimeNames, default: "builtin" },
      loadSeconds: { type: "number", minimum: 0, maximum: 600, description: "Built-in runtime only: extra load time to emulate." },
      tokensPerSecond: { type: "number", minimum: 0, maximum: 10000, description: "Built-in runtime only: decode speed to emulate." },
    },
  };
}

function createEndpointJsonSchema(runtimeNames: string[]) {
  const schema = schemaOf(createEndpointSchema()) as { properties: Record<string, unknown> };
  schema.properties.runtime = runtimeChoiceSchema(runtimeNames);
  return schema;
}

/** The OpenAPI document of /api/v1, built from the same zod schemas the services validate with. */
export function openApiDocument(serverUrl: string, runtimeNames: string[] = ["builtin"]) {
  return {
    openapi: "3.1.0",
    info: { title: "Ebb API", version: "1", description: "Inference endpoints that scale with their traffic, down to zero when idle." },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token from Settings → API tokens" } },
      schemas: {
        Error: errorSchema,
        Endpoint: endpointSchema,
        CreateEndpoint: createEndpointJsonSchema(runtimeNames),
        Policy: schemaOf(policySchema()),
      },
    },
    paths: {
      "/runtimes": {
        get: { summary: "The runtimes this install offers, by name", responses: { 200: { description: "{ items: [{ name, description, expectedLoadSeconds }] }" }, ...errors(401) } },
      },
      "/me": { get: { summary: "Who the token acts as", responses: { 200: { description: "User, organization and role" }, ...errors(401) } } },
      "/endpoints": {
        get: {
          summary: "List endpoints, optionally those with a tag",
          parameters: [{ name: "tag", in: "query", schema: { type: "string" } }],
          responses: { 200: { description: "{ items: Endpoint[] }" }, ...errors(401, 403) },
        },
        post: {
          summary: "Create an endpoint",
          requestBody: { required: true, ...json("#/components/schemas/CreateEndpoint") },
          responses: { 201: { description: "Created", ...json("#/components/schemas/Endpoint") }, ...errors(400, 401, 403, 422) },
        },
      },
      "/endpoints/{name}": {
        get: { summary: "Get an endpoint", parameters: nameParam, responses: { 200: { description: "The endpoint", ...json("#/components/schemas/Endpoint") }, ...errors(401, 404) } },
        patch: {
          summary: "Replace the scaling policy",
          parameters: nameParam,
          requestBody: { required: true, ...json("#/components/schemas/Policy") },
          responses: { 200: { description: "The endpoint", ...json("#/components/schemas/Endpoint") }, ...errors(400, 401, 403, 404, 422) },
        },
        delete: { summary: "Delete an endpoint (its cost history stays)", parameters: nameParam, responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) } },
      },
      "/endpoints/{name}/tags": {
        put: {
          summary: "Replace the endpoint's tags",
          parameters: nameParam,
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { tags: { type: "array", items: { type: "string" } } } } } } },
          responses: { 200: { description: "The endpoint", ...json("#/components/schemas/Endpoint") }, ...errors(401, 403, 404, 422) },
        },
      },
      "/endpoints/{name}/pause": action("Pause: stop all replicas and refuse requests until resumed"),
      "/endpoints/{name}/resume": action("Resume a paused endpoint"),
      "/endpoints/{name}/scale-to-zero": action("Scale to zero now; the next request wakes it"),
      "/endpoints/{name}/events": {
        get: {
          summary: "The lifecycle log, newest first",
          parameters: [...nameParam, { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } }],
          responses: { 200: { description: "{ items: Event[] }" }, ...errors(401, 404) },
        },
      },
      "/endpoints/{name}/logs": {
        get: {
          summary: "The last lines each recent replica wrote to stdout and stderr, newest replica first (500 kept per replica)",
          parameters: [...nameParam, { name: "lines", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } }],
          responses: {
            200: { description: "{ replicas: [{ id, status, startedAt, readyAt, stoppedAt, usage: { at, cpuCores, memoryBytes } | null, lines: [{ at, stream: stdout|stderr, line }] }] }" },
            ...errors(401, 404, 422),
          },
        },
      },
      "/endpoints/{name}/replicas": {
        get: {
          summary: "The endpoint's recent replicas, newest first, with their last CPU and memory sample (every 10 s, for replicas Ebb runs)",
          parameters: nameParam,
          responses: {
            200: { description: "{ replicas: [{ id, status, startedAt, readyAt, stoppedAt, usage: { at, cpuCores, memoryBytes } | null }] }" },
            ...errors(401, 404),
          },
        },
      },
      "/endpoints/{name}/metrics": {
        get: {
          summary: "The endpoint's time series over a whole window, one point per bucket (1 min for 1h, 15 min for 24h, 1 h for 7d, 6 h for 30d)",
          parameters: [...nameParam, { name: "range", in: "query", schema: { type: "string", enum: ["1h", "24h", "7d", "30d"], default: "24h" } }],
          responses: {
            200: {
              description:
                "{ range, resolution, bucketMs, from, to, totalCost, points: [{ t, ready, maxReady, target, requests, errors, p50, p95, coldStarts, coldStartP50, coldStartMax, cost, cumulativeCost, cpuCores, memoryBytes }] }; null fields where the endpoint did not exist or nothing was sampled",
            },
            ...errors(401, 404, 422),
          },
        },
      },
      "/endpoints/{name}/what-if": {
        get: {
          summary: "The recorded traffic of the last days replayed under the current policy and alternatives: cost, cold starts, delays, the frontier, the ledger beside the replay, a recommendation",
          parameters: [...nameParam, daysParam],
          responses: { 200: { description: WHAT_IF_SHAPE }, ...errors(401, 404, 422) },
        },
        post: {
          summary: "The same replay for up to 20 given policies, beside the current one",
          parameters: nameParam,
          requestBody: {
            required: true,
            content: { "application/json": { schema: { type: "object", required: ["policies"], properties: { days: { type: "integer", minimum: 1, maximum: 30 }, policies: { type: "array", items: { $ref: "#/components/schemas/Policy" }, minItems: 1, maxItems: 20 } } } } },
          },
          responses: { 200: { description: WHAT_IF_SHAPE }, ...errors(400, 401, 404, 422) },
        },
      },
      "/endpoints/{name}/recommendation": {
        get: {
          summary: "A suggested policy from the last days of traffic, with its monthly cost change and the reason",
          parameters: [...nameParam, daysParam],
          responses: { 200: { description: "{ days, current: Policy, recommendation: { label, policy, monthlyCostChange, coldStartChange, reason } | null, note }" }, ...errors(401, 404, 422) },
        },
      },
    },
  };
}

const daysParam = { name: "days", in: "query", schema: { type: "integer", minimum: 1, maximum: 30, default: 7 } };
const WHAT_IF_SHAPE =
  "{ days, from, to, requests, coldStartSeconds, coldStartMeasured, recorded: { replicaHours, cost, coldStarts, delayedRequests }, agreement: { replicaHours, cost, coldStarts, within }, " +
  "current: Point, points: [{ label, policy, outcome: { replicaHours, cost, coldStarts, delayedRequests, delayP50Seconds, delayP99Seconds, peakReplicas }, monthlyCostChange, current, frontier }], recommendation, note }";
