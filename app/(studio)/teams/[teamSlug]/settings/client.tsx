"use client";

import { useQuery } from "@tanstack/react-query";
import { DeleteTeamSection } from "@/components/teams/delete-team-section";
import { RenameTeamForm } from "@/components/teams/rename-team-form";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";

export function TeamSettingsClient({ teamSlug }: { teamSlug: string }) {
  const trpc = useTRPC();
  const team = useQuery(trpc.teams.get.queryOptions({ teamSlug }));
  if (team.isPending) return <LoadingRows label="Loading settings" />;
  if (team.isError) return <ErrorState title="Could not load the team" error={team.error} />;

  const mayUpdate = can(team.data.role, "team:update");
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <h2 className="text-lg font-semibold">Settings</h2>
      <Card>
        <CardHeader>
          <CardTitle>General</CardTitle>
          <CardDescription>
            {mayUpdate ? "Rename the team." : "Only owners and admins can change these settings."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <RenameTeamForm teamSlug={teamSlug} name={team.data.name} disabled={!mayUpdate} />
        </CardContent>
      </Card>
      {can(team.data.role, "team:delete") ? <DeleteTeamSection teamSlug={teamSlug} name={team.data.name} /> : null}
    </div>
  );
}
