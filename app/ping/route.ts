// Health check for process managers and Playwright's webServer: answers once the console serves.
export function GET() {
  return Response.json({ ok: true });
}
