"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatUsd } from "@/lib/domain/presets";
import { recommendationsQuery } from "@/lib/queries/endpoints";

/** On the dashboard: the endpoints whose own last 7 days of traffic suggest a cheaper policy, and by how much. */
export function RecommendationsBanner() {
  const { data } = useQuery(recommendationsQuery());
  const items = data?.items ?? [];
  const savings = items.filter((i) => i.recommendation.monthlyCostChange < 0);
  if (savings.length === 0) return null;
  const total = -savings.reduce((n, i) => n + i.recommendation.monthlyCostChange, 0);
  return (
    <section aria-label="Recommendations" className="mb-6 rounded-xl bg-emerald-50 p-4 text-sm text-emerald-900 ring-1 ring-emerald-200" data-testid="recommendations">
      <p className="font-medium">
        {savings.length} endpoint{savings.length === 1 ? "" : "s"} could save {formatUsd(total)}/month, from a replay of their last 7 days of traffic.
      </p>
      <ul className="mt-2 space-y-1">
        {savings.map((i) => (
          <li key={i.name}>
            <Link href={`/endpoints/${i.name}`} className="font-medium underline">
              {i.name}
            </Link>
            : {i.recommendation.label}, {formatUsd(-i.recommendation.monthlyCostChange)}/month less
          </li>
        ))}
      </ul>
    </section>
  );
}
