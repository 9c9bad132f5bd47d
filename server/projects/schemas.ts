import { z } from "zod";
import { Slug } from "../teams/schemas";

export const CreateProjectInput = z.object({
  teamSlug: z.string().min(1),
  name: z.string().trim().min(1, "Name is required").max(120),
  slug: Slug,
  description: z.string().trim().max(2000).default(""),
});
export type CreateProjectInput = z.input<typeof CreateProjectInput>;

export const ProjectRef = z.object({ projectId: z.string().min(1) });
export type ProjectRef = z.infer<typeof ProjectRef>;

export const UpdateProjectInput = ProjectRef.extend({
  name: z.string().trim().min(1, "Name is required").max(120).optional(),
  description: z.string().trim().max(2000).optional(),
});
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

export const ListProjectsInput = z.object({ teamSlug: z.string().min(1).optional() });
export type ListProjectsInput = z.infer<typeof ListProjectsInput>;
