import { describe, expect, it } from "vitest";
import { deltaOf, splitEvents } from "@/lib/playground/chat-stream";
import { javascriptSnippet, pythonSnippet } from "@/lib/domain/snippets";

describe("reading a streamed chat completion", () => {
  it("splits complete events and keeps the one still arriving", () => {
    expect(splitEvents('data: {"a":1}\n\ndata: {"b"')).toEqual({ events: ['data: {"a":1}'], rest: 'data: {"b"' });
    expect(splitEvents("data: x\r\n\r\ndata: y\r\n\r\n")).toEqual({ events: ["data: x", "data: y"], rest: "" });
  });

  it("takes the text of chat deltas and of completions, and the end", () => {
    expect(deltaOf('data: {"choices":[{"delta":{"role":"assistant","content":""}}]}')).toBe("");
    expect(deltaOf('data: {"choices":[{"delta":{"content":" truths"}}]}')).toBe(" truths");
    expect(deltaOf('data: {"choices":[{"text":" to be"}]}')).toBe(" to be");
    expect(deltaOf('data: {"choices":[{"delta":{},"finish_reason":"length"}]}')).toBe("");
    expect(deltaOf("data: [DONE]")).toBe("done");
    expect(deltaOf(": keep-alive comment")).toBe("");
  });

  it("raises the gateway's error event of a stream cut mid-answer, in its words", () => {
    const event = 'event: error\ndata: {"error":{"message":"The replica stopped before the answer was complete: terminated","type":"replica_failed"}}';
    expect(() => deltaOf(event)).toThrow(/The replica stopped before the answer was complete/);
  });
});

describe("code snippets", () => {
  const target = { url: "https://ebb.example/e/acme/chat", model: "acme/chat", protected: true };
  it("call the endpoint's URL with its model, waiting for a cold start, with a token when protected", () => {
    const python = pythonSnippet(target);
    expect(python).toContain('base_url="https://ebb.example/e/acme/chat/v1"');
    expect(python).toContain('api_key=os.environ["EBB_TOKEN"]');
    expect(python.startsWith("import os\n")).toBe(true);
    expect(python).toContain('"X-Scale-Up-Timeout": "120"');
    expect(pythonSnippet({ ...target, protected: false })).toContain('api_key="unused"');
    const js = javascriptSnippet(target);
    expect(js).toContain('fetch("https://ebb.example/e/acme/chat/v1/chat/completions"');
    expect(js).toContain("Authorization: `Bearer ${process.env.EBB_TOKEN}`");
    expect(javascriptSnippet({ ...target, protected: false })).not.toContain("Authorization");
  });
});
