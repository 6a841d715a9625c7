import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/client-ip";
import { mayReceiveToken } from "@/lib/providers/huggingface/token-destinations";

describe("where the Hugging Face token may go", () => {
  const defaults = ["endpoints.huggingface.cloud"];

  it("goes to https hosts of the configured domain and under it", () => {
    expect(mayReceiveToken("https://abc.us-east-1.aws.endpoints.huggingface.cloud/v1", defaults)).toBe(true);
    expect(mayReceiveToken("https://endpoints.huggingface.cloud", defaults)).toBe(true);
  });

  it("never goes over http, to a look-alike host, or to a host that merely contains the domain", () => {
    expect(mayReceiveToken("http://abc.endpoints.huggingface.cloud", defaults)).toBe(false);
    expect(mayReceiveToken("https://evil-endpoints.huggingface.cloud", defaults)).toBe(false);
    expect(mayReceiveToken("https://endpoints.huggingface.cloud.evil.example", defaults)).toBe(false);
    expect(mayReceiveToken("https://evil.example/?endpoints.huggingface.cloud", defaults)).toBe(false);
    expect(mayReceiveToken("not a url", defaults)).toBe(false);
  });

  it("takes an origin with its scheme for an operator's own server, host exact, any port", () => {
    expect(mayReceiveToken("http://127.0.0.1:4321/x", ["http://127.0.0.1"])).toBe(true);
    expect(mayReceiveToken("https://127.0.0.1:4321/x", ["http://127.0.0.1"])).toBe(false);
    expect(mayReceiveToken("http://127.0.0.2:4321/x", ["http://127.0.0.1"])).toBe(false);
  });
});

describe("the client address behind trusted proxies", () => {
  it("is the socket's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("10.0.0.5", "1.2.3.4", 0)).toBe("10.0.0.5");
  });

  it("reads from the right by the number of trusted hops, so a client-chosen left end is ignored", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the operator's proxy appended the real 203.0.113.9.
    expect(clientAddress("10.0.0.5", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", "6.6.6.6, 203.0.113.9, 10.0.0.4", 2)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", ["6.6.6.6", "203.0.113.9"], 1)).toBe("203.0.113.9");
  });

  it("falls back to the leftmost entry when there are fewer entries than hops", () => {
    expect(clientAddress("10.0.0.5", "203.0.113.9", 3)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", undefined, 1)).toBe("10.0.0.5");
  });
});
