import { NotFoundPanel } from "@/components/projects/not-found-panel";

// Catches notFound() from projects/[projectId]/layout.tsx: a missing project and one in a team the
// viewer does not belong to look the same.
export default function ProjectNotFound() {
  return <NotFoundPanel title="Project not found" />;
}
