import { isTransitional } from "@/lib/domain/states";
import type { ProviderSynced } from "@/lib/db/schema";
import { HfApiError, type HfClient, type HfEndpoint } from "@/lib/providers/huggingface/client";
import { observedFromHf, sameScaling, toHfScaling, type ObservedHf } from "@/lib/providers/huggingface/mapping";
import { huggingFaceClientFor } from "@/lib/services/provider-connections";
import * as store from "./store";
import { PROVIDER, recordEvent, recordStateChange } from "@/lib/events/record";
import { backoffMs } from "@/lib/domain/backoff";

export interface HuggingFaceSyncOptions {
  /** How often the namespace is polled while an endpoint is changing, and otherwise. */
  pollFastMs?: number;
  pollSlowMs?: number;
  /** Back-off after a failed push: doubles from `retryBaseMs` up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

interface Hooks {
  /** Records the replica counts for the charts and the cost ledger. */
  sample(endpointId: string, now: number, ready: number, target: number): void;
}

interface EndpointSyncState {
  failures: number;
  nextAttemptAt: number;
  lastError: string | null;
  /** The row's updatedAt when the back-off began: a change by the user retries at once. */
  changedAt: number;
  /** Since when a replica has been asked for with none ready: a cold start in progress. */
  coldStartSince: number | null;
}

/** Create answers that no retry will change: the request itself is wrong. */
const PERMANENT = new Set([400, 401, 403, 404, 409, 422]);

/**
 * Keeps Hugging Face endpoints in step with Ebb: pushes what the user asked (create, policy, pause,
 * resume, scale to zero, delete) once each, and polls the namespace for what Hugging Face reports, mapped
 * onto Ebb's states with replica counts sampled. Runs beside the local control loop, never inside it: a
 * slow provider API must not hold up local scaling.
 */
export class HuggingFaceSync {
  private readonly opts: Required<HuggingFaceSyncOptions>;
  private readonly state = new Map<string, EndpointSyncState>();
  private readonly lastPoll = new Map<string, number>();
  private running: Promise<void> | null = null;
  private pending: store.EngineEndpoint[] | null = null;

  constructor(
    private readonly hooks: Hooks,
    options: HuggingFaceSyncOptions = {},
  ) {
    this.opts = { pollFastMs: 2_000, pollSlowMs: 15_000, retryBaseMs: 1_000, retryMaxMs: 60_000, ...options };
  }

  /** Runs a pass over these endpoints, after the one in progress if any. */
  kick(endpoints: store.EngineEndpoint[]): void {
    this.pending = endpoints;
    if (this.running) return;
    this.running = (async () => {
      while (this.pending) {
        const next = this.pending;
        this.pending = null;
        await this.pass(next, Date.now()).catch(logError);
      }
    })().finally(() => (this.running = null));
  }

  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pass(endpoints: store.EngineEndpoint[], now: number): Promise<void> {
    const byOrganization = new Map<string, store.EngineEndpoint[]>();
    for (const e of endpoints) byOrganization.set(e.organizationId, [...(byOrganization.get(e.organizationId) ?? []), e]);
    // Organizations side by side: one slow or failing namespace does not hold up the others.
    await Promise.all([...byOrganization].map(([organizationId, list]) => this.passOrganization(organizationId, list, now).catch(logError)));
  }

  private async passOrganization(organizationId: string, list: store.EngineEndpoint[], now: number): Promise<void> {
    const client = await huggingFaceClientFor(organizationId);
    if (!client) {
      for (const e of list) {
        if (store.isBeingDeleted(e)) await this.markDeleted(e);
        else await this.fail(e, "No Hugging Face connection: connect one under Settings → Providers.", now, false);
      }
      return;
    }
    for (const e of list) await this.push(client, e, now);
    await this.poll(client, organizationId, list, now);
  }

  private sync(endpointId: string, changedAt: number): EndpointSyncState {
    let st = this.state.get(endpointId);
    if (!st) this.state.set(endpointId, (st = { failures: 0, nextAttemptAt: 0, lastError: null, changedAt, coldStartSince: null }));
    if (st.changedAt !== changedAt) Object.assign(st, { failures: 0, nextAttemptAt: 0, changedAt });
    return st;
  }

  /** The next change Hugging Face has not accepted yet, sent; one per pass, in the order a user made them. */
  private async push(client: HfClient, e: store.EngineEndpoint, now: number): Promise<void> {
    const st = this.sync(e.id, e.updatedAt.getTime());
    if (now < st.nextAttemptAt) return;
    const spec = e.providerSpec;
    const synced: ProviderSynced = e.providerSynced ?? {};
    if (!spec) return this.fail(e, "This endpoint has no Hugging Face placement.", now, false);
    const scaling = toHfScaling(e);
    const deleting = store.isBeingDeleted(e);
    const step = async (kind: string, call: () => Promise<HfEndpoint | void>, next: ProviderSynced, message: string) => {
      try {
        const answer = await call();
        st.failures = 0;
        st.lastError = null;
        e.providerSynced = next;
        await store.updateProviderSynced(e.id, next);
        await recordEvent(null, { endpointId: e.id, organizationId: e.organizationId, actor: PROVIDER, kind, message });
        if (answer) await this.observe(e, observedFromHf(answer), now);
      } catch (error) {
        if (!(error instanceof HfApiError)) throw error;
        const permanent = kind === "provider-created" && PERMANENT.has(error.status);
        await this.fail(e, error.shown, now, permanent);
      }
    };

    if (deleting) {
      if (!synced.created || synced.deleted) return this.markDeleted(e);
      await step("provider-deleted", () => client.delete(spec.name), { ...synced, deleted: true }, "Hugging Face deleted the endpoint");
      if (e.providerSynced?.deleted) await this.markDeleted(e);
      return;
    }
    if (!synced.created) {
      const create = { name: spec.name, repository: e.model, accelerator: spec.accelerator, instanceType: spec.instanceType, instanceSize: spec.instanceSize, vendor: spec.vendor, region: spec.region, scaling };
      return step("provider-created", () => client.create(create), { created: true, scaling, paused: false }, `Hugging Face accepted the endpoint in ${client.namespace}`);
    }
    if (!sameScaling(synced.scaling, scaling)) {
      const words = `${scaling.minReplica}–${scaling.maxReplica} replicas${scaling.scaleToZeroTimeout ? `, to zero after ${scaling.scaleToZeroTimeout} min idle` : ""}`;
      return step("provider-updated", () => client.update(spec.name, { compute: { scaling } }), { ...synced, scaling }, `Hugging Face accepted the scaling: ${words}`);
    }
    if (e.desiredState === "paused" && !synced.paused) {
      return step("provider-paused", () => client.pause(spec.name), { ...synced, paused: true }, "Hugging Face paused the endpoint");
    }
    if (e.desiredState === "running" && synced.paused) {
      return step("provider-resumed", () => client.resume(spec.name), { ...synced, paused: false }, "Hugging Face resumed the endpoint");
    }
    const asked = e.scaleToZeroRequestedAt?.toISOString() ?? null;
    if (asked && synced.scaleToZeroAt !== asked && e.desiredState === "running") {
      return step("provider-scaled-to-zero", () => client.scaleToZero(spec.name), { ...synced, scaleToZeroAt: asked }, "Hugging Face scaled the endpoint to zero");
    }
  }

  /** Reads the namespace when due (often while something changes) and records what Hugging Face reports. */
  private async poll(client: HfClient, organizationId: string, list: store.EngineEndpoint[], now: number): Promise<void> {
    const live = list.filter((e) => e.providerSynced?.created && !e.providerSynced.deleted && e.deletedAt === null);
    if (live.length === 0) return;
    const changing = live.some((e) => isTransitional(e.state, e.desiredState) || this.state.get(e.id)?.coldStartSince != null);
    const every = changing ? this.opts.pollFastMs : this.opts.pollSlowMs;
    if (now - (this.lastPoll.get(organizationId) ?? 0) < every) return;
    this.lastPoll.set(organizationId, now);
    let remote: HfEndpoint[];
    try {
      remote = await client.list();
    } catch (error) {
      if (!(error instanceof HfApiError)) throw error;
      for (const e of live) await this.note(e, error.shown);
      return;
    }
    const byName = new Map(remote.map((r) => [r.name, r]));
    for (const e of live) {
      const hf = byName.get(e.providerSpec!.name);
      if (hf) await this.observe(e, observedFromHf(hf), now);
      else await this.observe(e, { state: "failed", message: `Not found in ${client.namespace} at Hugging Face: deleted outside Ebb?`, ready: 0, target: 0, url: null }, now);
    }
  }

  private async observe(e: store.EngineEndpoint, o: ObservedHf, now: number): Promise<void> {
    this.hooks.sample(e.id, now, o.ready, o.target);
    const st = this.sync(e.id, e.updatedAt.getTime());
    if (o.target > 0 && o.ready === 0 && st.coldStartSince === null && e.readyReplicas === 0) st.coldStartSince = now;
    if (o.ready > 0 && st.coldStartSince !== null) {
      const startedAt = new Date(st.coldStartSince);
      st.coldStartSince = null;
      await store.insertColdStart({ endpointId: e.id, startedAt, readyAt: new Date(now) });
    }
    if (o.target === 0) st.coldStartSince = null;
    const message = o.message ?? (st.lastError && o.state !== "running" ? st.lastError : null);
    const url = o.url ?? e.providerUrl;
    if (o.state === e.state && message === e.stateMessage && o.ready === e.readyReplicas && o.target === e.targetReplicas && url === e.providerUrl) return;
    await store.updateObservedState(e.id, { state: o.state, stateMessage: message, readyReplicas: o.ready, targetReplicas: o.target, providerUrl: url });
    if (o.state !== e.state) await recordStateChange(null, e, PROVIDER, e.state, o.state, o.message);
    Object.assign(e, { state: o.state, stateMessage: message, readyReplicas: o.ready, targetReplicas: o.target, providerUrl: url });
  }

  /** A failed push: the provider's words in the log (once per distinct message) and on the page; retried with back-off. */
  private async fail(e: store.EngineEndpoint, message: string, now: number, permanent: boolean): Promise<void> {
    const st = this.sync(e.id, e.updatedAt.getTime());
    st.failures++;
    st.nextAttemptAt = now + backoffMs(st.failures, { baseMs: this.opts.retryBaseMs, maxMs: this.opts.retryMaxMs });
    await this.note(e, message);
    if (permanent && e.state !== "failed") {
      await store.updateObservedState(e.id, { state: "failed", stateMessage: message });
      await recordStateChange(null, e, PROVIDER, e.state, "failed", message);
      Object.assign(e, { state: "failed", stateMessage: message });
    }
  }

  private async note(e: store.EngineEndpoint, message: string): Promise<void> {
    const st = this.sync(e.id, e.updatedAt.getTime());
    if (st.lastError === message) return;
    st.lastError = message;
    await recordEvent(null, { endpointId: e.id, organizationId: e.organizationId, actor: PROVIDER, kind: "provider-error", message });
    await store.updateObservedState(e.id, { stateMessage: message });
    e.stateMessage = message;
  }

  private async markDeleted(e: store.EngineEndpoint): Promise<void> {
    await store.updateObservedState(e.id, { state: "deleted", readyReplicas: 0, targetReplicas: 0 });
    this.hooks.sample(e.id, Date.now(), 0, 0);
    this.state.delete(e.id);
  }
}

function logError(error: unknown): void {
  console.error("ebb huggingface sync:", error);
}
