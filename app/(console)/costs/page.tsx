import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireCaller } from "@/lib/auth";

export const metadata: Metadata = { title: "Costs" };

export default async function CostsPage() {
  await requireCaller();
  return (
    <>
      <PageHeader title="Costs" description="Cost by endpoint and by instance type." />
      <EmptyState title="Nothing has cost anything yet">Costs accrue from replica-seconds once endpoints run.</EmptyState>
    </>
  );
}
