import { setTimeout as sleep } from "node:timers/promises";
import { backoffMs } from "@/lib/domain/backoff";

/**
 * A client of the Hugging Face Inference Endpoints API (shared/providers.md). Retries 429, 5xx,
 * timeouts and dropped connections with exponential back-off and full jitter, honouring Retry-After.
 * A retried create never makes a second endpoint: a name that exists is looked up, and accepted only
 * when it has the configuration asked for.
 */

export class HfApiError extends Error {
  constructor(
    readonly status: number,
    /** The provider's own words, to show in the UI and the lifecycle log. */
    readonly providerMessage: string,
  ) {
    super(`Hugging Face answered ${status}: ${providerMessage}`);
  }

  /** The provider's words as the UI and the lifecycle log show them. */
  get shown(): string {
    return `Hugging Face: ${this.providerMessage}`;
  }
}

export interface HfClientOptions {
  apiUrl: string;
  hubUrl: string;
  token: string;
  namespace: string;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  random?: () => number;
}

export interface HfScaling {
  minReplica: number;
  maxReplica: number;
  scaleToZeroTimeout: number | null;
}

export interface HfCreateSpec {
  name: string;
  repository: string;
  framework?: string;
  accelerator: string;
  instanceType: string;
  instanceSize: string;
  vendor: string;
  region: string;
  scaling: HfScaling;
  type?: "public" | "authenticated" | "private";
}

export interface HfEndpoint {
  name: string;
  type: string;
  compute: { id?: string; instanceType: string; instanceSize: string; accelerator: string; scaling: HfScaling };
  provider?: { vendor?: string; region?: string };
  model: { repository: string };
  status: { state: string; message?: string; readyReplica?: number; targetReplica?: number; url?: string; createdAt: string; updatedAt: string };
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

async function providerMessage(response: Response): Promise<string> {
  const header = response.headers.get("x-error-message");
  const text = await response.text().catch(() => "");
  let fromBody = text;
  try {
    const body = JSON.parse(text) as { error?: string | string[]; error_description?: string };
    const error = Array.isArray(body.error) ? body.error.join("; ") : body.error;
    fromBody = [error, body.error_description].filter(Boolean).join(": ") || text;
  } catch {
    // Not JSON: the text is the message.
  }
  return header && !fromBody.includes(header) ? `${header}${fromBody ? ` (${fromBody})` : ""}` : fromBody || header || response.statusText;
}

export class HfClient {
  private readonly opts: Required<HfClientOptions>;

  get namespace(): string {
    return this.opts.namespace;
  }

  constructor(options: HfClientOptions) {
    this.opts = { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 5000, timeoutMs: 10_000, random: Math.random, ...options };
  }

  private delay(attempt: number, retryAfter: string | null): number {
    const seconds = retryAfter !== null ? Number(retryAfter) : NaN;
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    // Full jitter: anywhere between 0 and the exponential bound.
    return backoffMs(attempt + 1, { baseMs: this.opts.baseDelayMs, maxMs: this.opts.maxDelayMs, random: this.opts.random });
  }

  /** One API call, retried when the failure is transient. `onRetry` learns a retry happened. */
  private async request<T>(method: string, url: string, body?: unknown, onRetry?: () => void): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let response: Response | null = null;
      let failure: unknown = null;
      try {
        response = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${this.opts.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.opts.timeoutMs),
        });
      } catch (error) {
        failure = error;
      }
      const retry = failure !== null || (response !== null && RETRYABLE.has(response.status));
      if (!retry && response) {
        if (!response.ok) throw new HfApiError(response.status, await providerMessage(response));
        const text = await response.text();
        return (text ? JSON.parse(text) : undefined) as T;
      }
      if (attempt + 1 >= this.opts.maxAttempts) {
        if (response) throw new HfApiError(response.status, await providerMessage(response));
        throw new HfApiError(0, `no answer after ${attempt + 1} attempts: ${failure instanceof Error ? failure.message : String(failure)}`);
      }
      onRetry?.();
      await sleep(this.delay(attempt, response?.headers.get("retry-after") ?? null));
    }
  }

  private endpointUrl(name?: string, action?: string): string {
    return `${this.opts.apiUrl}/endpoint/${this.opts.namespace}${name ? `/${encodeURIComponent(name)}` : ""}${action ? `/${action}` : ""}`;
  }

  whoami() {
    return this.request<{ type: string; name: string }>("GET", `${this.opts.hubUrl}/api/whoami-v2`);
  }

  hardware() {
    return this.request<{ vendors: Array<{ name: string; regions: Array<{ name: string; computes: Array<Record<string, unknown>> }> }> }>("GET", `${this.opts.apiUrl}/provider/${this.opts.namespace}`);
  }

  async list(): Promise<HfEndpoint[]> {
    return (await this.request<{ items: HfEndpoint[] }>("GET", this.endpointUrl())).items;
  }

  get(name: string) {
    return this.request<HfEndpoint>("GET", this.endpointUrl(name));
  }

  /** Creates the endpoint once, however many times the request had to be sent. */
  async create(spec: HfCreateSpec): Promise<HfEndpoint> {
    const body = {
      compute: { accelerator: spec.accelerator, instanceSize: spec.instanceSize, instanceType: spec.instanceType, scaling: spec.scaling },
      model: { framework: spec.framework ?? "custom", repository: spec.repository, revision: null, image: { huggingface: {} } },
      name: spec.name,
      provider: { region: spec.region, vendor: spec.vendor },
      type: spec.type ?? "authenticated",
    };
    try {
      return await this.request<HfEndpoint>("POST", this.endpointUrl(), body);
    } catch (error) {
      const exists = error instanceof HfApiError && (error.status === 409 || /already exists/i.test(error.providerMessage));
      if (!exists) throw error;
      // Ours from an earlier attempt whose answer was lost, or someone else's with the same name.
      const existing = await this.get(spec.name);
      if (sameConfiguration(existing, spec)) return existing;
      throw new HfApiError(409, `An endpoint named ${spec.name} already exists in ${this.opts.namespace} with another configuration.`);
    }
  }

  update(name: string, patch: { compute?: { scaling?: Partial<HfScaling> } }) {
    return this.request<HfEndpoint>("PUT", this.endpointUrl(name), patch);
  }

  pause(name: string) {
    return this.request<HfEndpoint>("POST", this.endpointUrl(name, "pause"));
  }

  /** Resumes; an endpoint already running is a success, as in huggingface_hub. */
  async resume(name: string): Promise<HfEndpoint> {
    try {
      return await this.request<HfEndpoint>("POST", this.endpointUrl(name, "resume"));
    } catch (error) {
      if (error instanceof HfApiError && error.status === 400 && error.providerMessage.includes("already running")) return this.get(name);
      throw error;
    }
  }

  scaleToZero(name: string) {
    return this.request<HfEndpoint>("POST", this.endpointUrl(name, "scale-to-zero"));
  }

  /** Deletes; gone already (an earlier attempt's answer was lost) is a success. */
  async delete(name: string): Promise<void> {
    let retried = false;
    try {
      await this.request("DELETE", this.endpointUrl(name), undefined, () => (retried = true));
    } catch (error) {
      if (!(retried && error instanceof HfApiError && error.status === 404)) throw error;
    }
  }
}

export function sameConfiguration(endpoint: HfEndpoint, spec: HfCreateSpec): boolean {
  return (
    endpoint.model.repository === spec.repository &&
    endpoint.compute.instanceType === spec.instanceType &&
    endpoint.compute.instanceSize === spec.instanceSize &&
    endpoint.compute.scaling.minReplica === spec.scaling.minReplica &&
    endpoint.compute.scaling.maxReplica === spec.scaling.maxReplica
  );
}
