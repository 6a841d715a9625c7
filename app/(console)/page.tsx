import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireCaller } from "@/lib/auth";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const caller = await requireCaller();
  return (
    <>
      <PageHeader title="Dashboard" description={`What ${caller.organizationName}'s endpoints run and cost.`} />
      <EmptyState title="No endpoints yet">
        Endpoints you create appear here with their replicas, cold starts, month-to-date cost and savings.
      </EmptyState>
    </>
  );
}
