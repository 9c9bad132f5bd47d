import type { Metadata } from "next";
import { HydrateClient } from "@/server/trpc/server";
import { loadTeam } from "../load-team";
import { TeamSettingsClient } from "./client";

export const metadata: Metadata = { title: "Team settings" };

export default async function TeamSettingsPage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  // The layout has seeded teams.get; this only makes sure outsiders get the not-found page.
  await loadTeam(teamSlug);
  return (
    <HydrateClient>
      <TeamSettingsClient teamSlug={teamSlug} />
    </HydrateClient>
  );
}
