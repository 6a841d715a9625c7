/**
 * Failed sign-in limits. Both apply: one account cannot be guessed at quickly from many addresses,
 * and one address cannot spray guesses over many accounts.
 */
export const LOGIN_LIMITS = {
  account: { maxFailures: 5, windowSeconds: 15 * 60 },
  ip: { maxFailures: 20, windowSeconds: 15 * 60 },
} as const;

/** Sign-ups and invitation acceptances per client address per hour: each makes an account, so each counts. */
export function accountCreationLimit(perHour: number): ThrottleLimit {
  return { maxFailures: perHour, windowSeconds: 60 * 60 };
}

export interface ThrottleLimit {
  maxFailures: number;
  windowSeconds: number;
}

/**
 * Seconds until another attempt is allowed given the failure times inside the window, or 0 when one
 * is allowed now. Pure: the caller passes the clock.
 */
export function retryAfterSeconds(failures: Date[], limit: ThrottleLimit, now: Date): number {
  const windowStart = now.getTime() - limit.windowSeconds * 1000;
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > windowStart)
    .sort((a, b) => b - a);
  if (recent.length < limit.maxFailures) return 0;
  // Allowed again once the maxFailures-th most recent failure leaves the window.
  const blocking = recent[limit.maxFailures - 1]!;
  return Math.max(1, Math.ceil((blocking + limit.windowSeconds * 1000 - now.getTime()) / 1000));
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
