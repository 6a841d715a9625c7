/**
 * Bad input, generated: every field of every write, every path and query parameter, with values an
 * attacker or a broken script sends. Each case names the field its error must name, where one applies.
 */
export interface BadCase {
  label: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** JSON body (serialized here) or a raw string body. */
  body?: unknown;
  raw?: string;
  /** The error must name this field (or one under it). */
  field?: string;
  /** The Hugging Face–compatible API answers {"error": "field: message"}. */
  hf?: boolean;
  /** Console routes are called with the session cookie instead of the token. */
  session?: boolean;
}

const NUL = "bad\u0000value";
const HUGE = "x".repeat(100_000);

/** Values no string field accepts. */
export const BAD_STRINGS: Array<[string, unknown]> = [
  ["NUL byte", NUL],
  ["100 kB string", HUGE],
  ["number", 42],
  ["array", ["a"]],
  ["object", { a: 1 }],
  ["null", null],
  ["boolean", true],
  ["prototype key", "__proto__"],
  ["path traversal", "../../etc/passwd"],
  ["SQL", "x' OR '1'='1"],
];

/** Values no whole-number field accepts. */
export const BAD_COUNTS: Array<[string, unknown]> = [
  ["string number", "1"],
  ["fraction", 1.5],
  ["negative", -1],
  ["enormous", 1e12],
  ["null", null],
  ["array", [1]],
  ["object", {}],
  ["boolean", true],
  ["NaN text", "NaN"],
];

const BAD_BOOLEANS: Array<[string, unknown]> = [
  ["string", "yes"],
  ["number", 1],
  ["null", null],
  ["array", []],
];

const VALID_CREATE = { name: "fresh", model: "acme/fresh", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 };
const VALID_POLICY = { autoscaling: true, minReplicas: 0, maxReplicas: 2, scaleToZeroMinutes: 15, targetConcurrency: 4 };
const VALID_SCHEDULE = { timezone: "Europe/Paris", days: [1, 2, 3], start: "08:00", end: "19:00" };

function fieldCases(label: string, method: BadCase["method"], path: string, valid: Record<string, unknown>, fields: Record<string, Array<[string, unknown]>>, extra: Partial<BadCase> = {}, wrap?: (body: Record<string, unknown>) => unknown): BadCase[] {
  const cases: BadCase[] = [];
  for (const [field, values] of Object.entries(fields)) {
    for (const [what, value] of values) {
      const body = { ...valid, [field]: value };
      cases.push({ label: `${label}: ${field} as ${what}`, method, path, body: wrap ? wrap(body) : body, field: extra.hf ? undefined : field, ...extra });
    }
  }
  return cases;
}

/** Path segments that name nothing, or are not even valid. */
const BAD_NAMES: Array<[string, string]> = [
  ["NUL byte", "%00"],
  ["NUL inside", "tar%00get"],
  ["malformed percent-encoding", "%E0%A4%A"],
  ["lone percent", "%"],
  ["prototype key", "__proto__"],
  ["constructor", "constructor"],
  ["very long", "n".repeat(5000)],
  ["unicode", "%F0%9F%92%A5"],
  ["dots", "..."],
  ["another organization's endpoint", "FOREIGN"],
];

export function generateCases({ namespace, target, foreign }: { namespace: string; target: string; foreign: string }): BadCase[] {
  const cases: BadCase[] = [];
  const runtimeValues: Array<[string, unknown]> = [
    ["a command", { kind: "command", command: "id > /tmp/pwned" }],
    ["a command beside a name", { name: "builtin", command: "sh -c 'curl evil'" }],
    ["args", { name: "builtin", args: ["-e", "process.exit()"] }],
    ["env", { name: "builtin", env: { LD_PRELOAD: "/tmp/x.so" } }],
    ["an unknown runtime", { name: "bash" }],
    ["a string", "builtin"],
    ["an array", []],
    ["NUL name", { name: NUL }],
    ["negative load", { name: "builtin", loadSeconds: -1 }],
    ["emulation for another runtime", { name: "probe", loadSeconds: 5 }],
  ];

  // REST: create, every field.
  cases.push(
    ...fieldCases("create", "POST", "/api/v1/endpoints", VALID_CREATE, {
      name: [...BAD_STRINGS, ["upper case", "UPPER"], ["taken", target]],
      model: [...BAD_STRINGS, ["no slash", "model"]],
      provider: [...BAD_STRINGS, ["unknown", "aws"]],
      instanceType: [...BAD_STRINGS, ["unknown", "gpu-huge"]],
      protected: BAD_BOOLEANS,
      autoscaling: BAD_BOOLEANS,
      tags: [["string", "nightly"], ["numbers", [1]], ["bad tag", ["BAD TAG"]], ["NUL tag", [NUL]], ["object", {}], ["too many", Array.from({ length: 21 }, (_, i) => `t${i}`)]],
      runtime: runtimeValues,
      minReplicas: BAD_COUNTS,
      maxReplicas: [...BAD_COUNTS, ["over the quota", 10_000]],
      scaleToZeroMinutes: [...BAD_COUNTS, ["zero", 0]],
      targetConcurrency: [...BAD_COUNTS, ["zero", 0]],
    }),
  );
  cases.push(
    { label: "create: min above max", method: "POST", path: "/api/v1/endpoints", body: { ...VALID_CREATE, minReplicas: 3, maxReplicas: 2 }, field: "minReplicas" },
    { label: "create: body is an array", method: "POST", path: "/api/v1/endpoints", body: [VALID_CREATE] },
    { label: "create: body is a string", method: "POST", path: "/api/v1/endpoints", body: "fresh" },
    { label: "create: body is null", method: "POST", path: "/api/v1/endpoints", body: null },
    { label: "create: malformed JSON", method: "POST", path: "/api/v1/endpoints", raw: '{"name": "fresh",', field: "body" },
    { label: "create: JSON with a NUL key", method: "POST", path: "/api/v1/endpoints", raw: '{"na\\u0000me": "fresh"}' },
    { label: "create: __proto__ pollution", method: "POST", path: "/api/v1/endpoints", raw: '{"__proto__": {"admin": true}, "name": "fresh"}' },
    { label: "create: 2 MB body", method: "POST", path: "/api/v1/endpoints", raw: JSON.stringify({ ...VALID_CREATE, model: "a/" + "b".repeat(2_000_000) }) },
  );

  // REST: policy update, every field.
  cases.push(
    ...fieldCases("update policy", "PATCH", `/api/v1/endpoints/${target}`, VALID_POLICY, {
      autoscaling: BAD_BOOLEANS,
      minReplicas: BAD_COUNTS,
      maxReplicas: [...BAD_COUNTS, ["over the quota", 10_000]],
      scaleToZeroMinutes: BAD_COUNTS,
      targetConcurrency: BAD_COUNTS,
    }),
    { label: "update policy: empty body", method: "PATCH", path: `/api/v1/endpoints/${target}`, body: {}, field: "minReplicas" },
    { label: "update policy: malformed JSON", method: "PATCH", path: `/api/v1/endpoints/${target}`, raw: "{", field: "body" },
  );

  // REST: schedule and tags.
  cases.push(
    { label: "schedule: empty object", method: "PUT", path: `/api/v1/endpoints/${target}/schedule`, body: {}, field: "schedule" },
    { label: "schedule: array", method: "PUT", path: `/api/v1/endpoints/${target}/schedule`, body: [] },
    { label: "schedule: string", method: "PUT", path: `/api/v1/endpoints/${target}/schedule`, body: "null" },
    { label: "schedule: misspelled key", method: "PUT", path: `/api/v1/endpoints/${target}/schedule`, body: { schedul: null }, field: "schedul" },
    ...fieldCases(
      "schedule",
      "PUT",
      `/api/v1/endpoints/${target}/schedule`,
      VALID_SCHEDULE,
      {
        timezone: [...BAD_STRINGS, ["unknown zone", "Mars/Olympus"]],
        days: [["empty", []], ["zero", [0]], ["eight", [8]], ["strings", ["mon"]], ["string", "mon-fri"], ["null", null]],
        start: [...BAD_STRINGS, ["25 o'clock", "25:00"]],
        end: [...BAD_STRINGS, ["same as start", "08:00"]],
      },
      {},
      (schedule) => ({ schedule }),
    ).map((c) => ({ ...c, field: `schedule.${c.field}` })),
    ...[
      ["string", "nightly"],
      ["bad tag", ["BAD TAG"]],
      ["NUL", [NUL]],
      ["numbers", [1, 2]],
      ["missing", undefined],
    ].map(([what, tags]): BadCase => ({ label: `tags: ${what}`, method: "PUT", path: `/api/v1/endpoints/${target}/tags`, body: { tags }, field: "tags" })),
  );

  // REST: every route with a bad name, and bad query parameters.
  const nameRoutes: Array<[BadCase["method"], string, unknown?]> = [
    ["GET", ""],
    ["PATCH", "", VALID_POLICY],
    ["DELETE", ""],
    ["POST", "/pause"],
    ["POST", "/resume"],
    ["POST", "/scale-to-zero"],
    ["GET", "/events"],
    ["GET", "/logs"],
    ["PUT", "/tags", { tags: [] }],
    ["PUT", "/schedule", { schedule: null }],
    ["GET", "/what-if"],
    ["POST", "/what-if", { policies: [VALID_POLICY] }],
    ["GET", "/recommendation"],
    ["GET", "/replicas"],
    ["GET", "/metrics"],
  ];
  for (const [what, bad] of BAD_NAMES) {
    const name = bad === "FOREIGN" ? foreign : bad;
    for (const [method, suffix, body] of nameRoutes) {
      cases.push({ label: `REST ${method} /endpoints/{${what}}${suffix}`, method, path: `/api/v1/endpoints/${name}${suffix}`, body });
    }
  }
  for (const [what, value] of [
    ["fraction", "1.5"],
    ["zero", "0"],
    ["negative", "-5"],
    ["huge", "99999999999999999999"],
    ["text", "ten"],
    ["NUL", "%00"],
    ["exponent", "1e3"],
  ]) {
    cases.push({ label: `events: limit as ${what}`, method: "GET", path: `/api/v1/endpoints/${target}/events?limit=${value}`, field: "limit" });
    cases.push({ label: `logs: lines as ${what}`, method: "GET", path: `/api/v1/endpoints/${target}/logs?lines=${value}`, field: "lines" });
    cases.push({ label: `what-if: days as ${what}`, method: "GET", path: `/api/v1/endpoints/${target}/what-if?days=${value}`, field: "days" });
    cases.push({ label: `metrics: range as ${what}`, method: "GET", path: `/api/v1/endpoints/${target}/metrics?range=${value}`, field: "range" });
    cases.push({ label: `recommendation: days as ${what}`, method: "GET", path: `/api/v1/endpoints/${target}/recommendation?days=${value}`, field: "days" });
    cases.push({ label: `console what-if: days as ${what}`, method: "GET", path: `/api/console/endpoints/${target}/what-if?days=${value}`, session: true, field: "days" });
  }
  cases.push(
    ...fieldCases("what-if", "POST", `/api/v1/endpoints/${target}/what-if`, { policies: [VALID_POLICY] }, {
      days: [...BAD_COUNTS, ["zero", 0], ["31", 31]],
      policies: [["empty", []], ["object", {}], ["string", "all"], ["21 policies", Array.from({ length: 21 }, () => VALID_POLICY)], ["null", null]],
    }),
    { label: "what-if: a bad policy in the list", method: "POST", path: `/api/v1/endpoints/${target}/what-if`, body: { policies: [VALID_POLICY, { ...VALID_POLICY, minReplicas: -1 }] }, field: "policies.1.minReplicas" },
    { label: "what-if: unknown key", method: "POST", path: `/api/v1/endpoints/${target}/what-if`, body: { policies: [VALID_POLICY], polices: [] }, field: "polices" },
    { label: "what-if: malformed JSON", method: "POST", path: `/api/v1/endpoints/${target}/what-if`, raw: "{", field: "body" },
  );
  for (const [what, value] of [
    ["NUL", "%00"],
    ["upper case", "BAD"],
    ["malformed percent-encoding", "%E0%A4%A"],
    ["long", "t".repeat(500)],
  ]) {
    cases.push({ label: `list: tag as ${what}`, method: "GET", path: `/api/v1/endpoints?tag=${value}`, field: "tag" });
  }

  // The Hugging Face–compatible API.
  const hfCreate = {
    name: "hf-fresh",
    type: "protected",
    provider: { vendor: "ebb", region: "local" },
    compute: { accelerator: "cpu", instanceType: "cpu-small", instanceSize: "x1", scaling: { minReplica: 0, maxReplica: 1 } },
    model: { repository: "acme/fresh", framework: "custom", image: { huggingface: {} } },
  };
  const hfBase = `/hf/v2/endpoint/${namespace}`;
  for (const [what, value] of BAD_STRINGS) {
    cases.push({ label: `hf create: name as ${what}`, method: "POST", path: hfBase, body: { ...hfCreate, name: value }, hf: true });
    cases.push({ label: `hf create: repository as ${what}`, method: "POST", path: hfBase, body: { ...hfCreate, model: { ...hfCreate.model, repository: value } }, hf: true });
    cases.push({ label: `hf create: instance type as ${what}`, method: "POST", path: hfBase, body: { ...hfCreate, compute: { ...hfCreate.compute, instanceType: value } }, hf: true });
  }
  for (const [what, value] of BAD_COUNTS) {
    cases.push({ label: `hf create: minReplica as ${what}`, method: "POST", path: hfBase, body: { ...hfCreate, compute: { ...hfCreate.compute, scaling: { minReplica: value, maxReplica: 1 } } }, hf: true });
    cases.push({ label: `hf update: maxReplica as ${what}`, method: "PUT", path: `${hfBase}/${target}`, body: { compute: { scaling: { maxReplica: value } } }, hf: true });
  }
  for (const [what, image] of [
    ["a custom image naming no runtime", { custom: { url: "ghcr.io/evil/image:latest" } }],
    ["a custom image with a command", { custom: { url: "bash", command: ["sh", "-c", "id"] } }],
    ["tgi (not in the catalog)", { tgi: {} }],
    ["a NUL runtime", { custom: { url: NUL } }],
  ] as const) {
    cases.push({ label: `hf create: image as ${what}`, method: "POST", path: hfBase, body: { ...hfCreate, model: { ...hfCreate.model, image } }, hf: true });
  }
  cases.push(
    { label: "hf create: malformed JSON", method: "POST", path: hfBase, raw: "{", hf: true },
    { label: "hf create: array body", method: "POST", path: hfBase, body: [], hf: true },
    { label: "hf update: changes the model", method: "PUT", path: `${hfBase}/${target}`, body: { model: { repository: "acme/other" } }, hf: true },
  );
  for (const [what, bad] of BAD_NAMES) {
    const name = bad === "FOREIGN" ? foreign : bad;
    for (const [method, suffix] of [["GET", ""], ["PUT", ""], ["DELETE", ""], ["POST", "/pause"], ["POST", "/resume"], ["POST", "/scale-to-zero"]] as const) {
      cases.push({ label: `hf ${method} endpoint {${what}}${suffix}`, method, path: `${hfBase}/${name}${suffix}`, body: method === "PUT" ? { compute: { scaling: { maxReplica: 1 } } } : undefined, hf: true });
    }
    cases.push({ label: `hf namespace {${what}}`, method: "GET", path: `/hf/v2/endpoint/${bad}`, hf: true });
  }

  // The console's JSON routes, with the session cookie.
  for (const [what, value] of [
    ["toString", "toString"],
    ["constructor", "constructor"],
    ["__proto__", "__proto__"],
    ["valueOf", "valueOf"],
    ["hasOwnProperty", "hasOwnProperty"],
    ["NUL", "%00"],
  ]) {
    cases.push({ label: `console metrics: range as ${what}`, method: "GET", path: `/api/console/endpoints/${target}/metrics?range=${value}`, session: true, field: "range" });
    cases.push({ label: `console events: before as ${what}`, method: "GET", path: `/api/console/endpoints/${target}/events?before=${value}`, session: true, field: "before" });
  }
  for (const [what, bad] of BAD_NAMES) {
    const name = bad === "FOREIGN" ? foreign : bad;
    cases.push({ label: `console endpoint {${what}}`, method: "GET", path: `/api/console/endpoints/${name}`, session: true });
    cases.push({ label: `console metrics {${what}}`, method: "GET", path: `/api/console/endpoints/${name}/metrics`, session: true });
    cases.push({ label: `console events {${what}}`, method: "GET", path: `/api/console/endpoints/${name}/events`, session: true });
    cases.push({ label: `console what-if {${what}}`, method: "GET", path: `/api/console/endpoints/${name}/what-if`, session: true });
  }
  for (const [what, value] of [
    ["year zero", "0000-01-01"],
    ["day 31 of February", "2026-02-31"],
    ["text", "yesterday"],
    ["NUL", "2026-01-01%00"],
    ["year 99999", "99999-01-01"],
  ]) {
    cases.push({ label: `costs CSV: from as ${what}`, method: "GET", path: `/api/console/costs.csv?from=${value}`, session: true, field: "from" });
    cases.push({ label: `costs CSV: to as ${what}`, method: "GET", path: `/api/console/costs.csv?to=${value}`, session: true, field: "to" });
  }
  // The gateway: endpoint paths that are malformed, impossible or someone else's namespace at random.
  for (const [what, bad] of BAD_NAMES) {
    if (bad === "FOREIGN") continue;
    cases.push({ label: `gateway /e/{ns}/{${what}}`, method: "POST", path: `/e/${namespace}/${bad}/v1/completions`, body: { prompt: "hi" } });
    cases.push({ label: `gateway /e/{${what}}/{name}`, method: "GET", path: `/e/${bad}/${target}/health` });
  }
  cases.push({ label: "gateway: no endpoint in the path", method: "GET", path: "/e/" });
  // The gateway: endpoint paths that are malformed, impossible or someone else's namespace at random.
  for (const [what, bad] of BAD_NAMES) {
    if (bad === "FOREIGN") continue;
    cases.push({ label: `gateway /e/{ns}/{${what}}`, method: "POST", path: `/e/${namespace}/${bad}/v1/completions`, body: { prompt: "hi" } });
    cases.push({ label: `gateway /e/{${what}}/{name}`, method: "GET", path: `/e/${bad}/${target}/health` });
  }
  cases.push({ label: "gateway: no endpoint in the path", method: "GET", path: "/e/" });
  return cases;
}
