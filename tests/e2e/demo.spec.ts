import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createApiToken, expect, test } from "./support/fixtures";

const run = promisify(execFile);

test("after demo traffic the endpoint page shows replicas above one, a cold start and a cost", async ({ page, auth, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  await auth.signUp();
  const token = await createApiToken(page, "demo");
  // Two minutes of the trace at 10×: a cold start from zero, then enough load for several replicas.
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/demo.ts", "--url", baseURL!, "--token", token, "--minutes", "2", "--no-second-burst"], {
    env: { ...process.env, EBB_URL: "", EBB_TOKEN: "" },
    timeout: 120_000,
  });
  expect(stdout).toMatch(/burst 1 done: \d+ answered, 0 failed/);
  expect(stdout).toMatch(/burst 1 \[#+\] 100%/);

  // The charts fill as the controller rolls the traffic up (every few seconds).
  await expect(async () => {
    await page.goto("/endpoints/demo?range=1h");
    const peak = Number((await page.getByTestId("replicas-peak").textContent())!.match(/Peak (\d+)/)![1]);
    expect(peak).toBeGreaterThan(1);
    const coldStarts = Number((await page.getByTestId("chart-cold-starts").getByRole("heading").textContent())!.match(/\((\d+)\)/)![1]);
    expect(coldStarts).toBeGreaterThanOrEqual(1);
    const cost = Number((await page.getByTestId("chart-cost").getByRole("heading").textContent())!.match(/\$([\d.]+)/)![1]);
    expect(cost).toBeGreaterThan(0);
    // The last requests of the burst are counted once their minute is rolled up, a few seconds later.
    await expect(page.getByTestId("chart-requests").getByRole("heading")).toHaveText(/Requests \([1-9]\d*\)/, { timeout: 1000 });
  }).toPass({ timeout: 60_000, intervals: [2000] });

  // Each chart names its series and its axes' units.
  for (const [chart, names] of [
    ["chart-replicas", ["Asked for (most)", "Ready (most at once)", "replicas"]],
    ["chart-cost", ["Cost per bucket", "Cumulative in range", "$ per bucket", "$ in range"]],
    ["chart-requests", ["Requests", "5xx", "p50", "p95", "requests per bucket", "latency"]],
    ["chart-cold-starts", ["Duration p50", "Duration max", "cold starts", "duration"]],
  ] as const) {
    for (const name of names) await expect(page.getByTestId(chart).getByText(name, { exact: true }).first()).toBeVisible();
  }

  const screenshot = testInfo.outputPath("demo-endpoint.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("endpoint page after the demo", { path: screenshot, contentType: "image/png" });

  // Every range is a real window on the axis, the time before the endpoint existed left empty, with
  // whole replicas; each range's page is kept as a screenshot.
  for (const [range, hours, bucketHours] of [
    ["1h", 1, 1 / 60],
    ["24h", 24, 1 / 4],
    ["7d", 168, 1],
    ["30d", 720, 6],
  ] as const) {
    await page.goto(`/endpoints/demo?range=${range}`);
    await expect(page.getByTestId("chart-replicas").locator(".recharts-legend-wrapper")).toBeVisible();
    const series = await (await page.request.get(`/api/console/endpoints/demo/metrics?range=${range}`)).json();
    const points = series.points as Array<{ t: number; maxReady: number | null; target: number | null }>;
    // The buckets the window touches: its first, partly, to the one in progress.
    expect(points.length).toBeGreaterThanOrEqual(Math.round(hours / bucketHours));
    expect(points.length).toBeLessThanOrEqual(Math.round(hours / bucketHours) + 1);
    expect(Date.now() - points[0]!.t).toBeGreaterThanOrEqual(hours * 3_600_000 - 1000);
    expect(Date.now() - points[0]!.t).toBeLessThanOrEqual((hours + bucketHours) * 3_600_000 + 60_000);
    expect(points.every((p) => p.maxReady === null || Number.isInteger(p.maxReady))).toBe(true);
    expect(points.every((p) => p.target === null || Number.isInteger(p.target))).toBe(true);
    const shot = testInfo.outputPath(`demo-endpoint-${range}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach(`endpoint page, ${range}`, { path: shot, contentType: "image/png" });
  }

  // The page itself carries no series: the browser fetches them after the shell, so the HTML stays light.
  const html = await (await page.request.get("/endpoints/demo?range=24h")).text();
  expect(html).toContain("Loading charts");
  expect(html).not.toContain("maxReady");

  // The dashboard counts it too.
  await page.goto("/");
  await expect(page.getByTestId("stat-mtd")).not.toHaveText(/\$0\.00$/);
});
