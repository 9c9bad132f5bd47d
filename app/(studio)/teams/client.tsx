"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { CreateTeamDialog } from "@/components/teams/create-team-dialog";
import { RoleBadge } from "@/components/teams/role-badge";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

export function TeamsClient() {
  const trpc = useTRPC();
  const teams = useQuery(trpc.teams.list.queryOptions());
  const router = useRouter();
  const pathname = usePathname();
  // `?create=1` opens the dialog (links from the team switcher and the empty projects page).
  const createParam = useSearchParams().get("create") === "1";
  const [manualOpen, setManualOpen] = useState(false);
  const open = manualOpen || createParam;
  function onOpenChange(next: boolean) {
    setManualOpen(next);
    if (!next && createParam) router.replace(pathname);
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Teams</h1>
          <p className="text-sm text-muted-foreground">Projects, compute and people are shared within a team.</p>
        </div>
        <CreateTeamDialog open={open} onOpenChange={onOpenChange} />
      </div>
      {teams.isPending ? (
        <LoadingRows label="Loading teams" />
      ) : teams.isError ? (
        <ErrorState title="Could not load teams" error={teams.error} />
      ) : teams.data.length === 0 ? (
        <EmptyState
          title="You are not in a team yet"
          description="Create a team, or open an invite link a teammate sent you."
        />
      ) : (
        <Table aria-label="Your teams">
          <THead>
            <Tr>
              <Th>Team</Th>
              <Th>Slug</Th>
              <Th>Your role</Th>
              <Th className="text-right">Projects</Th>
            </Tr>
          </THead>
          <TBody>
            {teams.data.map((team) => (
              <Tr key={team.id}>
                <Td>
                  <Link href={`/teams/${team.slug}`} className="font-medium text-primary hover:underline">
                    {team.name}
                  </Link>
                </Td>
                <Td className="font-mono text-xs text-muted-foreground">{team.slug}</Td>
                <Td>
                  <RoleBadge role={team.role} />
                </Td>
                <Td className="text-right tabular-nums">{team.projectCount}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
