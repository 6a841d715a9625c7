import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" />
      <div className="mb-6 border-b border-slate-200">
        <nav aria-label="Settings" className="-mb-px flex gap-6 text-sm font-medium">
          <span className="border-b-2 border-brand-600 pb-2 text-slate-900">Members</span>
        </nav>
      </div>
      {children}
    </>
  );
}
