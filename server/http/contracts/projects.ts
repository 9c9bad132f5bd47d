import { z } from "zod";
import { Timestamp } from "./common";

export const CreateProjectBody = z
  .object({ name: z.string(), slug: z.string(), description: z.string().optional() })
  .strict();

export const ProjectBody = z
  .object({
    id: z.string(),
    team_slug: z.string(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    created_at: Timestamp,
  })
  .strict();

export const ProjectListBody = z.object({ projects: z.array(ProjectBody) }).strict();
