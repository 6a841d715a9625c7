/** A percent-encoded URL segment decoded, or null when it is not valid percent-encoding. */
export function decodeSegment(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
