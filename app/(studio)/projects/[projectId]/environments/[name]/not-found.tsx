"use client";

import { useParams } from "next/navigation";
import { NotFoundPanel } from "@/components/projects/not-found-panel";

// Catches notFound() from page.tsx: a name that is not one of this project's environments (the
// project layout has already answered for projects the viewer cannot read).
export default function EnvironmentNotFound() {
  const { projectId } = useParams<{ projectId: string }>();
  return (
    <NotFoundPanel
      title="Environment not found"
      description="This project has no environment by that name."
      href={`/projects/${projectId}/environments`}
      linkLabel="All environments"
    />
  );
}
