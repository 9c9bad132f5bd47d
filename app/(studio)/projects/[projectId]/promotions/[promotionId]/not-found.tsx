"use client";

import { useParams } from "next/navigation";
import { NotFoundPanel } from "@/components/projects/not-found-panel";

// Catches notFound() from page.tsx: a request that is not in this project.
export default function PromotionNotFound() {
  const { projectId } = useParams<{ projectId: string }>();
  return (
    <NotFoundPanel
      title="Promotion request not found"
      description="This project has no such promotion request."
      href={`/projects/${projectId}/models`}
      linkLabel="All models"
    />
  );
}
