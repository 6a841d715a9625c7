import type { Metadata } from "next";
import { requireCaller } from "@/lib/auth";
import { listApiTokens } from "@/lib/services/api-tokens";
import { CreateTokenForm, RevokeButton } from "./client";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const caller = await requireCaller();
  const tokens = await listApiTokens({ caller });
  return (
    <div className="space-y-6">
      <CreateTokenForm />
      <section aria-labelledby="tokens-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <h2 id="tokens-heading" className="border-b border-slate-200 px-5 py-3 text-base font-semibold">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">No tokens yet.</p>
        ) : (
          <div className="relative overflow-x-auto">
<table className="w-full text-left text-sm">
            <TableHead padding="px-5" columns={["Name", "Token", "Created", "Last used", { label: "Actions", srOnly: true }]} />
            <tbody className="divide-y divide-slate-100">
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td className="px-5 py-3 font-medium">{t.name}</td>
                  <td className="px-5 py-3 font-mono text-xs text-slate-500">{t.prefix}…</td>
                  <td className="px-5 py-3 text-slate-600">{t.createdAt.toISOString().slice(0, 10)}</td>
                  <td className="px-5 py-3 text-slate-600">{t.lastUsedAt ? t.lastUsedAt.toISOString().replace("T", " ").slice(0, 16) : "Never"}</td>
                  <td className="px-5 py-3 text-right">
                    <RevokeButton id={t.id} name={t.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
</div>
        )}
      </section>
    </div>
  );
}
