"use client";

import { useActionState, useRef } from "react";
import { Field, inputClass, TextField } from "@/components/ui/field";
import { cn } from "@/lib/cn";
import { ConfirmDialog, LINK_BUTTON } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useActionWithToast } from "@/components/ui/toaster";
import { SubmitButton } from "@/components/ui/submit-button";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from "@/lib/domain/roles";
import { initialActionState } from "@/lib/forms/action-state";
import { changeRoleAction, inviteMemberAction, removeMemberAction, revokeInvitationAction } from "./actions";

interface MemberView {
  membershipId: string;
  name: string;
  email: string;
  role: Role;
}

function RoleOptions({ roles }: { roles: readonly Role[] }) {
  return roles.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
}

export function MemberRow({
  member,
  isSelf,
  editable,
  assignableRoles,
}: {
  member: MemberView;
  isSelf: boolean;
  editable: boolean;
  assignableRoles: readonly Role[];
}) {
  const [roleState, roleAction] = useActionState(changeRoleAction, initialActionState);
  const [removeState, removeAction] = useActionWithToast(removeMemberAction, initialActionState, `Removed ${member.email}.`);
  const roleForm = useRef<HTMLFormElement>(null);
  const error = [roleState, removeState].find((s) => s.status === "error");
  const label = `${member.name}${isSelf ? " (you)" : ""}`;
  return (
    <tr data-testid={`member-${member.email}`}>
      <td className="px-5 py-3 font-medium text-slate-900">{label}</td>
      <td className="px-5 py-3 text-slate-600">{member.email}</td>
      <td className="px-5 py-3">
        {editable ? (
          <form ref={roleForm} action={roleAction}>
            <input type="hidden" name="membershipId" value={member.membershipId} />
            <select
              name="role"
              aria-label={`Role of ${member.email}`}
              defaultValue={member.role}
              key={member.role}
              onChange={() => roleForm.current?.requestSubmit()}
              className={cn(inputClass, "w-32 py-1")}
            >
              <RoleOptions roles={assignableRoles.includes(member.role) ? assignableRoles : [member.role, ...assignableRoles]} />
            </select>
          </form>
        ) : (
          <span className="text-slate-700">{ROLE_LABELS[member.role]}</span>
        )}
        <span role="status" className="sr-only">
          {roleState.status === "success" ? roleState.message : ""}
        </span>
        {error?.status === "error" ? (
          <p role="alert" className="mt-1 text-xs text-red-600">
            {error.fieldErrors ? Object.values(error.fieldErrors).flat()[0] : error.message}
          </p>
        ) : null}
      </td>
      <td className="px-5 py-3 text-right">
        {editable ? (
          <ConfirmDialog
            label="Remove"
            triggerLabel={`Remove ${member.email}`}
            triggerClassName={LINK_BUTTON}
            title={`Remove ${member.email}?`}
            formAction={removeAction}
            state={removeState}
            fields={<input type="hidden" name="membershipId" value={member.membershipId} />}
          >
            They lose access to this organization at once; their sessions and API tokens here stop working.
          </ConfirmDialog>
        ) : null}
      </td>
    </tr>
  );
}

export function InviteMemberForm({ assignableRoles }: { assignableRoles: readonly Role[] }) {
  const [state, action] = useActionState(inviteMemberAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  // After a success the form is reset by React; after an error it shows what was typed.
  const values = state.status === "error" ? state.values : undefined;
  const link = state.status === "success" ? (state.result?.link ?? null) : null;
  return (
    <section aria-labelledby="invite-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="invite-heading" className="text-base font-semibold">
        Invite a member
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        Makes a one-time link. The person opens it, sets their own password and joins with the role you choose.
      </p>
      <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
        <TextField name="email" label="Email" type="email" required defaultValue={values?.email} errors={errors.email} />
        <Field name="role" label="Role" errors={errors.role} hint={<RoleHints roles={assignableRoles} />}>
          {(aria) => (
            <select name="role" {...aria} defaultValue={values?.role ?? "member"} className={inputClass}>
              <RoleOptions roles={assignableRoles} />
            </select>
          )}
        </Field>
        <div className="sm:col-span-2">
          <FormMessage state={state} />
          {link ? (
            <p className="mt-2 break-all rounded-md bg-slate-50 p-3 font-mono text-sm text-slate-800 ring-1 ring-slate-200" data-testid="invitation-link">
              {link}
            </p>
          ) : null}
        </div>
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel="Inviting…">Create invitation</SubmitButton>
        </div>
      </form>
    </section>
  );
}

export function InvitationRow({ invitation }: { invitation: { id: string; email: string; role: Role; expires: string } }) {
  const [state, action] = useActionWithToast(revokeInvitationAction, initialActionState, `Revoked the invitation of ${invitation.email}.`);
  return (
    <tr data-testid={`invitation-${invitation.email}`}>
      <td className="px-5 py-3 text-slate-600">{invitation.email}</td>
      <td className="px-5 py-3 text-slate-700">{ROLE_LABELS[invitation.role]}</td>
      <td className="px-5 py-3 text-slate-500">{invitation.expires}</td>
      <td className="px-5 py-3 text-right">
        <ConfirmDialog
          label="Revoke"
          triggerLabel={`Revoke the invitation of ${invitation.email}`}
          triggerClassName={LINK_BUTTON}
          title={`Revoke the invitation of ${invitation.email}?`}
          formAction={action}
          state={state}
          fields={<input type="hidden" name="invitationId" value={invitation.id} />}
        >
          Its link stops working. You can invite them again later.
        </ConfirmDialog>
        {state.status === "error" ? <p role="alert" className="mt-1 text-xs text-red-600">{state.message}</p> : null}
      </td>
    </tr>
  );
}

function RoleHints({ roles }: { roles: readonly Role[] }) {
  return (
    <span className="block space-y-0.5">
      {roles.map((role) => (
        <span key={role} className="block">
          <strong className="font-medium">{ROLE_LABELS[role]}</strong>: {ROLE_DESCRIPTIONS[role]}
        </span>
      ))}
    </span>
  );
}
