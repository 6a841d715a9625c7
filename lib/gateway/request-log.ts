import { addToSecond, emptySecond, mergeSeconds, type LoggedRequest, type RequestLogSecond } from "@/lib/domain/request-log";

/** Requests through the gateway, by endpoint and second of arrival, until the controller writes them. */
export class RequestLogBuffer {
  private pending = new Map<string, RequestLogSecond>();

  record(endpointId: string, request: LoggedRequest): void {
    const second = Math.floor(request.arrivedAt / 1000) * 1000;
    const key = `${endpointId}@${second}`;
    let row = this.pending.get(key);
    if (!row) this.pending.set(key, (row = emptySecond(endpointId, second)));
    addToSecond(row, request);
  }

  /** What was recorded since the last call, and resets it. */
  take(): RequestLogSecond[] {
    const rows = [...this.pending.values()];
    this.pending = new Map();
    return rows;
  }

  /** Puts rows back after a failed write, so nothing is lost. */
  restore(rows: RequestLogSecond[]): void {
    for (const row of rows) {
      const key = `${row.endpointId}@${row.second}`;
      const present = this.pending.get(key);
      if (present) mergeSeconds(present, row);
      else this.pending.set(key, row);
    }
  }
}
