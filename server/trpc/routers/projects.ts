import { createProject, deleteProject, getProject, listProjects, updateProject } from "../../projects/projects";
import { CreateProjectInput, ListProjectsInput, UpdateProjectInput } from "../../projects/schemas";
import { authedProcedure, createTRPCRouter, projectProcedure } from "../init";

export const projectsRouter = createTRPCRouter({
  list: authedProcedure.input(ListProjectsInput).query(({ ctx, input }) => listProjects({ ctx: ctx.svc, input })),
  get: projectProcedure.query(({ ctx, input }) => getProject({ ctx: ctx.svc, input })),
  create: authedProcedure
    .input(CreateProjectInput)
    .mutation(({ ctx, input }) => createProject({ ctx: ctx.svc, input })),
  update: authedProcedure
    .input(UpdateProjectInput)
    .mutation(({ ctx, input }) => updateProject({ ctx: ctx.svc, input })),
  delete: projectProcedure.mutation(({ ctx, input }) => deleteProject({ ctx: ctx.svc, input })),
});
