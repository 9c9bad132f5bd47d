"use client";

import { useQuery } from "@tanstack/react-query";
import { AddMemberForm } from "@/components/teams/add-member-form";
import { InviteForm } from "@/components/teams/invite-form";
import { InvitesTable } from "@/components/teams/invites-table";
import { MembersTable } from "@/components/teams/members-table";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";

export function MembersClient({ teamSlug }: { teamSlug: string }) {
  const trpc = useTRPC();
  const team = useQuery(trpc.teams.get.queryOptions({ teamSlug }));
  const me = useQuery(trpc.account.me.queryOptions());

  if (team.isPending || me.isPending) return <LoadingRows label="Loading members" />;
  if (team.isError) return <ErrorState title="Could not load the team" error={team.error} />;
  if (me.isError || !me.data.user) return <ErrorState title="Could not load your account" error={me.error} />;

  const viewer = { userId: me.data.user.userId, role: team.data.role };
  const manage = can(viewer.role, "members:manage");
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="members-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="members-heading" className="text-lg font-semibold">
            Members
          </h2>
          <p className="text-sm text-muted-foreground">
            {manage ? "Change roles or remove people. Only owners can change an owner." : "The people in this team and their roles."}
          </p>
        </div>
        <MembersTable teamSlug={teamSlug} viewer={viewer} />
      </section>
      {manage ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Add an existing user</CardTitle>
              <CardDescription>For people who already have an account on this instance.</CardDescription>
            </CardHeader>
            <CardContent>
              <AddMemberForm teamSlug={teamSlug} viewerRole={viewer.role} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Invite by link</CardTitle>
              <CardDescription>A single-use link; whoever opens it can sign up and join with this role.</CardDescription>
            </CardHeader>
            <CardContent>
              <InviteForm teamSlug={teamSlug} viewerRole={viewer.role} />
            </CardContent>
          </Card>
        </div>
      ) : null}
      {manage ? (
        <section aria-labelledby="invites-heading" className="flex flex-col gap-3">
          <h2 id="invites-heading" className="text-lg font-semibold">
            Open invites
          </h2>
          <InvitesTable teamSlug={teamSlug} />
        </section>
      ) : null}
    </div>
  );
}
