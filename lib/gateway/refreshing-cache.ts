/**
 * Values by key (endpoints by path), read again after `ttlMs`. Past that, the old value still answers
 * while one read refreshes it in the background, for up to `staleMs`: a request to a busy endpoint never
 * waits on a refresh (the database or the Ebb process may be busy for a moment). Past `staleMs`, and when
 * asked for a fresh value, the caller waits for the read. Readers at once share one read.
 */
export class RefreshingCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T>; refreshing: boolean }>();

  constructor(
    private readonly read: (key: string) => Promise<T>,
    private readonly ttlMs: number,
    private readonly staleMs = 10 * ttlMs,
  ) {}

  get(key: string, { fresh = false } = {}): Promise<T> {
    const hit = this.entries.get(key);
    const age = hit ? Date.now() - hit.at : Infinity;
    if (hit && !fresh && age < this.ttlMs) return hit.value;
    if (hit && !fresh && age < this.staleMs) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        const next = this.read(key);
        next.then(
          () => this.entries.get(key) === hit && this.entries.set(key, { at: Date.now(), value: next, refreshing: false }),
          () => (hit.refreshing = false),
        );
      }
      return hit.value;
    }
    const value = this.read(key);
    const entry = { at: Date.now(), value, refreshing: false };
    this.entries.set(key, entry);
    value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return value;
  }

  /** Everything is read again at its next use (something changed). */
  clear(): void {
    this.entries.clear();
  }
}
