import fs from "node:fs";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { replicaRoot } from "./sandbox";

export type OutputStream = "stdout" | "stderr";

/** Past this size a replica's output file is moved to `.1` and started afresh: two files at most per stream. */
const ROTATE_BYTES = 1024 * 1024;
/** A line without an end is cut here, so a replica that never writes a newline cannot grow one without bound. */
const MAX_LINE_CHARS = 64 * 1024;
/** fs.watch reports writes at once where it can; this catches what it misses. */
const POLL_MS = 500;

/**
 * Where a replica's stdout or stderr goes: a file, never a pipe to the console, so a console that
 * crashes takes nothing from a replica that keeps writing, and the next one reads on.
 */
export function outputPath(replicaId: string, stream: OutputStream): string {
  return path.join(replicaRoot(), `replica-${replicaId}.${stream}.log`);
}

/** A descriptor for the replica's process to write to (append mode, so rotation under it is safe). */
export function openOutput(replicaId: string, stream: OutputStream): number {
  return fs.openSync(outputPath(replicaId, stream), "a", 0o600);
}

export function removeOutput(replicaId: string): void {
  for (const stream of ["stdout", "stderr"] as const) {
    const file = outputPath(replicaId, stream);
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.1`, { force: true });
  }
}

/** Reads a replica's output file as it grows, line by line, and rotates it when it gets big. */
export class OutputTail {
  private offset: number;
  private partial = "";
  private readonly decoder = new StringDecoder("utf8");
  /** One read buffer per file followed, not one per poll. */
  private readonly buffer = Buffer.alloc(64 * 1024);
  private readonly watcher: fs.FSWatcher | null;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly onLine: (line: string) => void,
    { fromEnd }: { fromEnd: boolean },
  ) {
    this.offset = fromEnd ? sizeOf(file) : 0;
    this.watcher = watch(file, () => this.read());
    this.timer = setInterval(() => this.read(), POLL_MS);
    this.timer.unref();
  }

  /** Everything written so far, now; safe to call at any time. */
  read(): void {
    if (this.closed) return;
    let fd: number;
    try {
      fd = fs.openSync(this.file, "r");
    } catch {
      return;
    }
    try {
      const size = fs.fstatSync(fd).size;
      if (size < this.offset) this.offset = 0;
      while (this.offset < size) {
        const n = fs.readSync(fd, this.buffer, 0, Math.min(this.buffer.length, size - this.offset), this.offset);
        if (n <= 0) break;
        this.offset += n;
        this.take(this.decoder.write(this.buffer.subarray(0, n)));
      }
      if (this.offset >= ROTATE_BYTES) {
        // Copy, then truncate: the replica keeps its descriptor and, appending, writes at the new end.
        fs.copyFileSync(this.file, `${this.file}.1`);
        fs.truncateSync(this.file, 0);
        this.offset = 0;
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Reads what is left, hands over an unfinished last line, and stops following. */
  close(): void {
    this.read();
    if (this.partial) this.onLine(this.partial);
    this.partial = "";
    this.closed = true;
    this.watcher?.close();
    clearInterval(this.timer);
  }

  private take(text: string): void {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.onLine(line.endsWith("\r") ? line.slice(0, -1) : line);
    if (this.partial.length > MAX_LINE_CHARS) {
      this.onLine(this.partial);
      this.partial = "";
    }
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function watch(file: string, onChange: () => void): fs.FSWatcher | null {
  try {
    const watcher = fs.watch(file, { persistent: false }, onChange);
    // A file removed under it ends the watch; the poll and close() cover the rest.
    watcher.on("error", () => watcher.close());
    return watcher;
  } catch {
    return null;
  }
}
