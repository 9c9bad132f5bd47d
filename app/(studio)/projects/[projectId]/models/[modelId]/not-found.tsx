"use client";

import { useParams } from "next/navigation";
import { NotFoundPanel } from "@/components/projects/not-found-panel";

// Catches notFound() from page.tsx: a model that is not in this project (the project layout has
// already answered for projects the viewer cannot read).
export default function ModelNotFound() {
  const { projectId } = useParams<{ projectId: string }>();
  return (
    <NotFoundPanel
      title="Model not found"
      description="This project has no such model."
      href={`/projects/${projectId}/models`}
      linkLabel="All models"
    />
  );
}
