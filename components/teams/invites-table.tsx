"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DateTime } from "../audit/date-time";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { EmptyState, ErrorState, LoadingRows } from "../ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RoleBadge } from "./role-badge";

/** Invites that can still be used; accepted, revoked and expired ones drop off the list. */
export function InvitesTable({ teamSlug }: { teamSlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invites = useQuery(trpc.teams.invites.queryOptions({ teamSlug }));
  const revoke = useMutation(
    trpc.teams.revokeInvite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.teams.invites.queryKey({ teamSlug }) }),
    }),
  );

  if (invites.isPending) return <LoadingRows rows={2} label="Loading invites" />;
  if (invites.isError) return <ErrorState title="Could not load invites" error={invites.error} />;
  if (invites.data.length === 0) {
    return <EmptyState title="No open invites" description="Links you create appear here until they are used." />;
  }
  return (
    <Table aria-label="Open invites">
      <THead>
        <Tr>
          <Th>Role</Th>
          <Th>Created by</Th>
          <Th>Created</Th>
          <Th>Expires</Th>
          <Th className="text-right">Actions</Th>
        </Tr>
      </THead>
      <TBody>
        {invites.data.map((invite) => (
          <Tr key={invite.id}>
            <Td>
              <RoleBadge role={invite.role} />
            </Td>
            <Td>{invite.createdByName}</Td>
            <Td className="text-muted-foreground">
              <DateTime value={invite.createdAt} />
            </Td>
            <Td className="text-muted-foreground">
              <DateTime value={invite.expiresAt} />
            </Td>
            <Td className="text-right">
              <ConfirmDialog
                trigger={
                  <Button variant="outline" size="sm" aria-label={`Revoke ${invite.role} invite ${invite.id}`}>
                    Revoke
                  </Button>
                }
                title="Revoke this invite?"
                description="The link stops working at once. People who already joined stay in the team."
                confirmLabel="Revoke invite"
                onConfirm={() => revoke.mutateAsync({ teamSlug, inviteId: invite.id })}
              />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
