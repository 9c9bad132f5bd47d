"use client";

import { useParams } from "next/navigation";
import { NotFoundPanel } from "@/components/projects/not-found-panel";

// Catches notFound() from page.tsx: an id that is not one of this project's dashboards.
export default function DashboardNotFound() {
  const { projectId } = useParams<{ projectId: string }>();
  return (
    <NotFoundPanel
      title="Dashboard not found"
      description="This project has no dashboard with that id; it may have been deleted."
      href={`/projects/${projectId}/dashboards`}
      linkLabel="All dashboards"
    />
  );
}
