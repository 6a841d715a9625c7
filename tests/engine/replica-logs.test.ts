import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertReplicaLogs, REPLICA_LOG_LINES } from "@/lib/controller/store";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Caller } from "@/lib/services/caller";
import { createEndpoint } from "@/lib/services/endpoints";
import { getReplicaLogs } from "@/lib/services/replica-logs";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { createTestEndpoint, startTestEngine, waitFor, type TestEngine } from "../support/engine";
import { useTestRuntimes } from "../support/runtimes";

withTestDatabase();

let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  useTestRuntimes();
  owner = await createOrganization("Logs Org");
  test = await startTestEngine();
});

afterAll(async () => {
  await test?.close();
});

describe("replica logs", () => {
  it("keep what a replica that fails to start wrote, stdout and stderr, for its organization only", async () => {
    await createEndpoint({
      caller: owner,
      input: { name: "oom", model: "acme/oom", instanceType: "cpu-small", autoscaling: false, minReplicas: 1, maxReplicas: 1, runtime: { name: "crashes-loading" } },
    });
    const logs = await waitFor(
      async () => {
        const replicas = await getReplicaLogs({ caller: owner, name: "oom" });
        return replicas.length >= 2 && replicas.every((r) => r.lines.length === 2) ? replicas : null;
      },
      30_000,
      "two failed starts in the logs",
    );
    for (const replica of logs) {
      expect(replica.status).toBe("stopped");
      expect(replica.lines.map((l) => [l.stream, l.line])).toEqual([
        ["stdout", "loading weights for acme/oom"],
        ["stderr", "CUDA error: out of memory"],
      ]);
    }
    // Newest replica first.
    expect(logs.map((r) => r.startedAt)).toEqual([...logs.map((r) => r.startedAt)].sort().reverse());

    const stranger = await createOrganization("Stranger Org");
    await expect(getReplicaLogs({ caller: stranger, name: "oom" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReplicaLogs({ caller: owner, name: "oom", lines: 0 })).rejects.toThrow(ValidationError);
  });

  it("show a running replica's output as it writes it, the newest lines when asked for fewer", async () => {
    const endpoint = await createTestEndpoint(owner, { name: "chatty", min: 1, max: 1 });
    const [replica] = await waitFor(
      async () => {
        const replicas = await getReplicaLogs({ caller: owner, name: "chatty" });
        return replicas[0]?.lines.some((l) => l.line.includes('"event":"ready"')) ? replicas : null;
      },
      20_000,
      "the built-in server's ready line",
    );
    expect(replica!.status).toBe("ready");

    // A chatty replica keeps its last 500 lines.
    const at = new Date();
    const lines = Array.from({ length: REPLICA_LOG_LINES + 100 }, (_, i) => ({ replicaId: replica!.id, endpointId: endpoint.id, at, stream: "stdout" as const, line: `line ${i}` }));
    await insertReplicaLogs(lines);
    const all = (await getReplicaLogs({ caller: owner, name: "chatty", lines: 500 }))[0]!.lines;
    expect(all).toHaveLength(REPLICA_LOG_LINES);
    expect(all.at(-1)!.line).toBe(`line ${REPLICA_LOG_LINES + 99}`);
    const few = (await getReplicaLogs({ caller: owner, name: "chatty", lines: 3 }))[0]!.lines.map((l) => l.line);
    expect(few).toEqual([`line ${REPLICA_LOG_LINES + 97}`, `line ${REPLICA_LOG_LINES + 98}`, `line ${REPLICA_LOG_LINES + 99}`]);
  });
});
