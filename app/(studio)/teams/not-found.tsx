import { NotFoundPanel } from "@/components/projects/not-found-panel";

// Catches notFound() from teams/[teamSlug]/layout.tsx: outsiders learn nothing about a team.
export default function TeamNotFound() {
  return <NotFoundPanel title="Team not found" href="/teams" linkLabel="Back to teams" />;
}
