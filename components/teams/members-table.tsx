"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import type { TeamRole } from "@/db/schema/enums";
import { assignableRoles, can } from "@/server/auth/permissions";
import type { AppRouter } from "@/server/trpc/root";
import { DateTime } from "../audit/date-time";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { EmptyState, ErrorState, LoadingRows } from "../ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RoleBadge } from "./role-badge";
import { RoleSelect } from "./role-select";

type Member = inferRouterOutputs<AppRouter>["teams"]["members"][number];
interface Viewer {
  userId: string;
  role: TeamRole;
}

export function MembersTable({ teamSlug, viewer }: { teamSlug: string; viewer: Viewer }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.teams.members.queryOptions({ teamSlug }));
  if (members.isPending) return <LoadingRows label="Loading members" />;
  if (members.isError) return <ErrorState title="Could not load members" error={members.error} />;
  if (members.data.length === 0) return <EmptyState title="No members" />;
  return (
    <Table aria-label="Members">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Role</Th>
          <Th>Joined</Th>
          <Th className="text-right">Actions</Th>
        </Tr>
      </THead>
      <TBody>
        {members.data.map((m) => (
          <MemberRow key={m.userId} teamSlug={teamSlug} member={m} viewer={viewer} />
        ))}
      </TBody>
    </Table>
  );
}

function MemberRow({ teamSlug, member, viewer }: { teamSlug: string; member: Member; viewer: Viewer }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const self = member.userId === viewer.userId;
  // Only owners touch owners; nobody edits their own role here (leaving is the self-service action).
  const manageable = !self && can(viewer.role, "members:manage") && (member.role !== "owner" || viewer.role === "owner");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.teams.members.queryKey({ teamSlug }) });

  const changeRole = useMutation(trpc.teams.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.teams.removeMember.mutationOptions({
      onSuccess: async () => {
        if (!self) return refresh();
        await queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() });
        router.push("/teams");
      },
    }),
  );

  return (
    <Tr>
      <Td className="font-medium">
        {member.name}
        {self ? <span className="ml-2 text-xs text-muted-foreground">(you)</span> : null}
      </Td>
      <Td className="text-muted-foreground">{member.email}</Td>
      <Td>
        {manageable ? (
          <div className="flex flex-col gap-1">
            <RoleSelect
              aria-label={`Role of ${member.name}`}
              className="w-36"
              roles={assignableRoles(viewer.role)}
              value={member.role}
              disabled={changeRole.isPending}
              onChange={(role) => changeRole.mutate({ teamSlug, userId: member.userId, role })}
            />
            {changeRole.error ? (
              <p role="alert" className="text-xs text-destructive">
                {changeRole.error.message}
              </p>
            ) : null}
          </div>
        ) : (
          <RoleBadge role={member.role} />
        )}
      </Td>
      <Td className="text-muted-foreground">
        <DateTime value={member.joinedAt} />
      </Td>
      <Td className="text-right">
        {manageable || self ? (
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={self ? "Leave team" : `Remove ${member.name}`}>
                {self ? "Leave" : "Remove"}
              </Button>
            }
            title={self ? "Leave this team?" : `Remove ${member.name}?`}
            description={
              self
                ? "You lose access to its projects until someone adds you again."
                : `${member.email} loses access to this team's projects.`
            }
            confirmLabel={self ? "Leave team" : "Remove member"}
            onConfirm={() => remove.mutateAsync({ teamSlug, userId: member.userId })}
          />
        ) : null}
      </Td>
    </Tr>
  );
}
