import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requireCaller } from "@/lib/auth";
import { can, canAssignRole, ROLES } from "@/lib/domain/roles";
import { listMembers } from "@/lib/services/members";
import { listInvitations } from "@/lib/services/invitations";
import { InvitationRow, InviteMemberForm, MemberRow } from "./client";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const caller = await requireCaller();
  if (!can(caller.role, "members.view")) forbidden();
  const members = await listMembers({ caller });
  const manage = can(caller.role, "members.manage");
  const invitations = manage ? await listInvitations({ caller }) : [];
  const assignable = ROLES.filter((role) => canAssignRole(caller.role, role));
  return (
    <div className="space-y-8">
      <section aria-labelledby="members-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <h2 id="members-heading" className="border-b border-slate-200 px-5 py-3 text-base font-semibold">
          Members of {caller.organizationName}
        </h2>
        <div className="relative overflow-x-auto">
<table className="w-full text-left text-sm">
          <TableHead padding="px-5" columns={["Name", "Email", "Role", { label: "Actions", srOnly: true }]} />
          <tbody className="divide-y divide-slate-100">
            {members.map((member) => (
              <MemberRow
                key={member.membershipId}
                member={{ membershipId: member.membershipId, name: member.name, email: member.email, role: member.role }}
                isSelf={member.userId === caller.userId}
                editable={manage && canAssignRole(caller.role, member.role)}
                assignableRoles={assignable}
              />
            ))}
          </tbody>
        </table>
</div>
      </section>
      {manage && invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <h2 id="invitations-heading" className="border-b border-slate-200 px-5 py-3 text-base font-semibold">
            Pending invitations
          </h2>
          <div className="relative overflow-x-auto">
<table className="w-full text-left text-sm">
            <TableHead padding="px-5" columns={["Email", "Role", "Expires", { label: "Actions", srOnly: true }]} />
            <tbody className="divide-y divide-slate-100">
              {invitations.map((i) => (
                <InvitationRow key={i.id} invitation={{ id: i.id, email: i.email, role: i.role, expires: i.expiresAt.toISOString().slice(0, 10) }} />
              ))}
            </tbody>
          </table>
</div>
        </section>
      ) : null}
      {manage ? <InviteMemberForm assignableRoles={assignable} /> : null}
    </div>
  );
}
