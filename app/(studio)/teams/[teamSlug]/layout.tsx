import { TeamHeader } from "@/components/teams/team-header";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadTeam } from "./load-team";

export default async function TeamLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ teamSlug: string }>;
}) {
  const { teamSlug } = await params;
  const team = await loadTeam(teamSlug);
  getQueryClient().setQueryData(trpc.teams.get.queryKey({ teamSlug }), team);
  return (
    <HydrateClient>
      <div className="flex flex-col gap-6">
        <TeamHeader teamSlug={teamSlug} />
        {children}
      </div>
    </HydrateClient>
  );
}
