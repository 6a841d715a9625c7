"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { LinkPending } from "@/components/ui/link-pending";
import { LifecycleButton } from "./lifecycle-button";
import { StateBadge } from "@/components/endpoints/state-badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { EndpointView } from "@/lib/api/endpoint-view";
import { formatUsd } from "@/lib/domain/presets";
import { endpointListQuery } from "@/lib/queries/endpoints";
import { TableHead } from "@/components/ui/table-head";

export function EndpointList({ initial, canCreate }: { initial: EndpointView[]; canCreate: boolean }) {
  const { data } = useQuery({ ...endpointListQuery(), initialData: { items: initial } });
  const items = data.items;
  if (items.length === 0) {
    return (
      <EmptyState title="No endpoints yet">
        {canCreate ? (
          <>
            <Link href="/endpoints/new" className="font-medium text-brand-600">
              Create one
            </Link>{" "}
            to get a URL that scales with its traffic, down to zero when idle.
          </>
        ) : (
          "An admin or owner of your organization can create one."
        )}
      </EmptyState>
    );
  }
  return (
    <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full text-left text-sm">
        <TableHead columns={["Name", "Model", "State", "Replicas", "Min–max", { label: "Cost today", align: "right" }, { label: "Actions", srOnly: true }]} />
        <tbody className="divide-y divide-slate-100">
          {items.map((e) => (
            <tr key={e.name} data-testid={`endpoint-row-${e.name}`}>
              <td className="px-4 py-3 font-medium">
                <Link href={`/endpoints/${e.name}`} className="text-brand-600 hover:text-brand-700">
                  {e.name}
                  <LinkPending />
                </Link>
              </td>
              <td className="px-4 py-3 text-slate-600">{e.model}</td>
              <td className="px-4 py-3">
                <StateBadge state={e.state} />
              </td>
              <td className="px-4 py-3 tabular-nums" title="ready / target">
                {e.replicas.ready}/{e.replicas.target}
              </td>
              <td className="px-4 py-3 tabular-nums">
                {e.policy.autoscaling ? `${e.policy.minReplicas}–${e.policy.maxReplicas}` : `${e.policy.maxReplicas} fixed`}
              </td>
              <td className="px-4 py-3 text-right tabular-nums">{formatUsd(e.costToday)}</td>
              <td className="px-4 py-3 text-right">
                {e.desiredState === "paused" ? (
                  <LifecycleButton endpoint={e.name} action="resume" availability={e.actions.resume} showReason={false} />
                ) : (
                  <LifecycleButton endpoint={e.name} action="pause" availability={e.actions.pause} showReason={false} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
