import { z } from "zod";
import {
  createExperiment,
  experimentById,
  findExperimentByName,
  memberTeams,
  readableProjects,
  renameExperiment,
  setExperimentDeleted,
  setExperimentTags,
} from "../../mlflow/experiments";
import { searchLimits } from "../../mlflow/search-paging";
import { searchExperiments } from "../../mlflow/search-sql";
import { endpoint } from "./endpoint";
import { experimentToWire } from "./serialize";
import { Int64, KeyValue, Repeated, tagRecord } from "./wire";

const ExperimentId = z.object({ experiment_id: z.string().min(1) });
const ViewType = z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]).default("ACTIVE_ONLY");

export const experimentEndpoints = {
  "experiments/create": endpoint({
    methods: ["POST"],
    input: z.object({ name: z.string(), artifact_location: z.string().optional(), tags: Repeated(KeyValue) }),
    handler: async ({ ctx, input }) => {
      const project = await createExperiment(ctx, { name: input.name, tags: tagRecord(input.tags) });
      return { experiment_id: project.id };
    },
  }),
  "experiments/get": endpoint({
    methods: ["GET"],
    input: ExperimentId,
    handler: async ({ ctx, input }) => {
      const { project } = await experimentById(ctx, input.experiment_id);
      return { experiment: experimentToWire(project, await memberTeams(ctx)) };
    },
  }),
  "experiments/get-by-name": endpoint({
    methods: ["GET"],
    input: z.object({ experiment_name: z.string() }),
    handler: async ({ ctx, input }) => {
      const { project } = await findExperimentByName(ctx, input.experiment_name);
      return { experiment: experimentToWire(project, await memberTeams(ctx)) };
    },
  }),
  "experiments/search": endpoint({
    methods: ["GET", "POST"],
    input: z.object({
      max_results: Int64.optional(),
      page_token: z.string().optional(),
      filter: z.string().optional(),
      order_by: Repeated(z.string()),
      view_type: ViewType,
    }),
    handler: async ({ ctx, input }) => {
      const teams = await memberTeams(ctx);
      const found = await searchExperiments(ctx.db, {
        teamIds: teams.map((t) => t.id),
        filter: input.filter,
        orderBy: input.order_by,
        maxResults: input.max_results ?? searchLimits.experiments.default,
        pageToken: input.page_token,
        viewType: input.view_type,
      });
      const rows = new Map((await readableProjects(ctx, found.projectIds)).map((p) => [p.id, p]));
      return {
        experiments: found.projectIds.flatMap((id) => (rows.has(id) ? [experimentToWire(rows.get(id)!, teams)] : [])),
        next_page_token: found.nextPageToken,
      };
    },
  }),
  "experiments/update": endpoint({
    methods: ["POST", "PATCH"],
    input: ExperimentId.extend({ new_name: z.string() }),
    handler: async ({ ctx, input }) => {
      await renameExperiment(ctx, input.experiment_id, input.new_name);
      return {};
    },
  }),
  "experiments/delete": endpoint({
    methods: ["POST"],
    input: ExperimentId,
    handler: async ({ ctx, input }) => {
      await setExperimentDeleted(ctx, input.experiment_id, true);
      return {};
    },
  }),
  "experiments/restore": endpoint({
    methods: ["POST"],
    input: ExperimentId,
    handler: async ({ ctx, input }) => {
      await setExperimentDeleted(ctx, input.experiment_id, false);
      return {};
    },
  }),
  "experiments/set-experiment-tag": endpoint({
    methods: ["POST"],
    input: ExperimentId.extend({ key: z.string().min(1).max(250), value: z.string().max(5000) }),
    handler: async ({ ctx, input }) => {
      const { project } = await experimentById(ctx, input.experiment_id);
      await setExperimentTags(ctx, project.id, { [input.key]: input.value });
      return {};
    },
  }),
};
