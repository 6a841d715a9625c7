import { describe, expect, it } from "vitest";
import { expandCommand } from "@/lib/providers/local/process";
import { parseRuntimeCatalog } from "@/lib/runtimes/catalog";

describe("the operator's runtime catalog", () => {
  it("always has the built-in server first, then the file's runtimes with their defaults", () => {
    const runtimes = parseRuntimeCatalog(
      JSON.stringify({ runtimes: [{ name: "llama-server", command: "llama-server -m /models/$MODEL.gguf --port $PORT", env: { LLAMA_ARG_THREADS: "4" } }] }),
      "ebb.config.json",
    );
    expect(runtimes.map((r) => r.name)).toEqual(["builtin", "llama-server"]);
    expect(runtimes[1]).toMatchObject({ command: ["llama-server", "-m", "/models/$MODEL.gguf", "--port", "$PORT"], healthPath: "/health", env: { LLAMA_ARG_THREADS: "4" }, image: null });
  });

  it("names the file, the entry and the field of each mistake", () => {
    const parse = (runtimes: unknown[]) => () => parseRuntimeCatalog(JSON.stringify({ runtimes }), "/etc/ebb.json");
    expect(parse([{ name: "vllm", command: "vllm serve $MODEL" }])).toThrow(/\/etc\/ebb\.json: runtimes\[0\] "vllm": command: command must contain "\$PORT"/);
    expect(parse([{ name: "Bad Name", command: "x $PORT" }])).toThrow(/runtimes\[0\] "Bad Name": name: name must be/);
    expect(parse([{ name: "builtin", command: "x $PORT" }])).toThrow(/"builtin" is the built-in/);
    expect(parse([{ name: "a", command: "x $PORT" }, { name: "a", command: "y $PORT" }])).toThrow(/runtimes\[1\] "a": the name is used twice/);
    expect(parse([{ name: "a", command: "x $PORT", env: { PORT: "1" } }])).toThrow(/env may not set PORT/);
    expect(parse([{ name: "a", command: "x $PORT", shell: true }])).toThrow(/runtimes\[0\] "a": .*shell/);
    expect(() => parseRuntimeCatalog("{", "f.json")).toThrow(/f\.json: not JSON/);
    expect(parse([{ name: "a", command: "x $PORT", image: "Not An Image!" }])).toThrow(/runtimes\[0\] "a": image: image must be a container image reference/);
  });

  it("keeps a runtime's container image, for endpoints on Kubernetes", () => {
    const [, vllm] = parseRuntimeCatalog(JSON.stringify({ runtimes: [{ name: "vllm", command: "vllm serve $MODEL --port $PORT", image: "vllm/vllm-openai:v0.6.3" }] }), "f.json");
    expect(vllm!.image).toBe("vllm/vllm-openai:v0.6.3");
  });

  it("puts the port and model into arguments without a shell, so a value never becomes syntax", () => {
    expect(expandCommand(["vllm", "serve", "$MODEL", "--port", "$PORT"], { port: 8001, model: "acme/m; rm -rf /" })).toEqual([
      "vllm",
      "serve",
      "acme/m; rm -rf /",
      "--port",
      "8001",
    ]);
  });
});
