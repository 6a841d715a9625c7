/** What an endpoint's recorded traffic would have cost under other policies: the REST, CLI and page shape. */

/** A policy as the API writes it (the policy schema's input). */
export interface PolicyView {
  autoscaling: boolean;
  minReplicas: number;
  maxReplicas: number;
  scaleToZeroMinutes: number;
  targetConcurrency: number;
  scaleToZeroAuto: boolean;
  coldStartWorthMinutes: number | null;
}

export interface WhatIfOutcome {
  replicaHours: number;
  /** Compute and storage over the period, in dollars. */
  cost: number;
  coldStarts: number;
  /** Requests that waited for a replica to start, and how long. */
  delayedRequests: number;
  delayP50Seconds: number | null;
  delayP99Seconds: number | null;
  peakReplicas: number;
}

export interface WhatIfPoint {
  /** Words for the policy ("Scale to zero after 5 min"). */
  label: string;
  policy: PolicyView;
  outcome: WhatIfOutcome;
  /** The cost difference against the current policy, per 30-day month (negative: a saving). */
  monthlyCostChange: number;
  current: boolean;
  /** No other point is both cheaper and has fewer cold starts. */
  frontier: boolean;
}

export interface Recommendation {
  label: string;
  policy: PolicyView;
  /** Negative: a saving per 30-day month; positive: what it costs more. */
  monthlyCostChange: number;
  coldStartChange: number;
  reason: string;
}

export interface WhatIf {
  days: number;
  from: string;
  to: string;
  requests: number;
  /** The measured time from a replica's start to ready, used for every replayed start. */
  coldStartSeconds: number;
  coldStartMeasured: boolean;
  /** What the ledger and the cold-start records say happened over the same period. */
  recorded: { replicaHours: number; cost: number; coldStarts: number; delayedRequests: number };
  /** The replay of the current policy against the record: the model's honesty, shown beside it. */
  agreement: { replicaHours: number | null; cost: number | null; coldStarts: number; within: boolean };
  current: WhatIfPoint;
  points: WhatIfPoint[];
  recommendation: Recommendation | null;
  /** Why there is no recommendation, or what to keep in mind about it. */
  note: string | null;
}
