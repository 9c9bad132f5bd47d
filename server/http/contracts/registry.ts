import { z } from "zod";
import { promotionStates } from "@/db/schema/enums";
import { AliasName, ModelName, PolicyCheck } from "../../registry/schemas";
import { Timestamp } from "./common";

const Tags = z.record(z.string(), z.string());
const Person = z.object({ id: z.string(), name: z.string(), email: z.string() }).strict().nullable();

export const ModelIdParams = z.object({ modelId: z.string().min(1) }).strict();
export const VersionParams = z.object({ modelId: z.string().min(1), version: z.coerce.number().int().positive() }).strict();
export const AliasParams = z.object({ modelId: z.string().min(1), alias: z.string().min(1) }).strict();
export const PromotionIdParams = z.object({ promotionId: z.string().min(1) }).strict();
export const PolicyParams = z.object({ projectId: z.string().min(1), alias: z.string().min(1) }).strict();

export const CreateModelBody = z.object({ name: ModelName, description: z.string().max(10_000).optional(), tags: Tags.optional() }).strict();
export const UpdateModelBody = z.object({ description: z.string().max(10_000).optional(), tags: Tags.optional() }).strict();

export const ModelBody = z
  .object({
    id: z.string(),
    project_id: z.string(),
    name: z.string(),
    description: z.string(),
    tags: Tags,
    latest_version: z.number().nullable().optional(),
    version_count: z.number().optional(),
    aliases: z.array(z.object({ alias: z.string(), version: z.number() }).strict()).optional(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .strict();
export const ModelListBody = z.object({ models: z.array(ModelBody) }).strict();

export const RegisterVersionBody = z
  .object({ run_id: z.string().min(1), artifact_path: z.string().min(1), description: z.string().max(10_000).optional() })
  .strict();
/** `run.register_model(name, path)` from the SDK: the model is found or created by name. */
export const RegisterFromRunBody = z
  .object({ name: ModelName, artifact_path: z.string().min(1), description: z.string().max(10_000).optional() })
  .strict();

/** NaN and ±Infinity travel as strings, as everywhere in REST v1. */
const WireNumber = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])]).nullable();
const MetricSummary = z.object({ key: z.string(), last: WireNumber, min: WireNumber, max: WireNumber, step: z.number().nullable() }).strict();
const Lineage = z
  .object({
    run_id: z.string().nullable(),
    run_name: z.string(),
    job_id: z.string().nullable(),
    source: z.object({ git_url: z.string().nullable(), commit: z.string().nullable(), dirty_sha256: z.string().nullable(), snapshot_sha256: z.string().nullable() }).strict(),
    environment: z.object({ name: z.string(), version: z.number(), digest: z.string(), pinned: z.boolean() }).strict().nullable(),
    datasets: z.array(z.object({ uri: z.string(), digest: z.string(), name: z.string(), context: z.string() }).strict()),
    metrics: z.array(MetricSummary),
  })
  .strict();

export const VersionBody = z
  .object({
    id: z.string(),
    model_id: z.string(),
    version: z.number(),
    run_id: z.string().nullable(),
    artifact_path: z.string(),
    artifact_sha256: z.string(),
    artifact_size: z.number(),
    /** Where the bytes are served from (REST v1), for serving systems. */
    artifact_url: z.string().nullable(),
    description: z.string(),
    aliases: z.array(z.string()).optional(),
    lineage: Lineage,
    created_at: Timestamp,
  })
  .strict();
export const VersionListBody = z.object({ versions: z.array(VersionBody) }).strict();

export const AliasBody = z.object({ model_id: z.string(), model_name: z.string(), alias: z.string(), version: VersionBody }).strict();
export const AliasListBody = z.object({ aliases: z.array(z.object({ alias: z.string(), version: z.number(), updated_at: Timestamp }).strict()) }).strict();
export const SetAliasBody = z.object({ version: z.number().int().positive() }).strict();
export const AliasHistoryBody = z
  .object({
    history: z.array(
      z
        .object({
          alias: z.string(),
          from_version: z.number().nullable(),
          to_version: z.number().nullable(),
          promotion_id: z.string().nullable(),
          actor: Person,
          created_at: Timestamp,
        })
        .strict(),
    ),
  })
  .strict();

export const PolicyBody = z
  .object({ alias: AliasName, required_approvals: z.number().int().min(0).max(10), checks: z.array(PolicyCheck).max(20) })
  .strict();
export const PutPolicyBody = PolicyBody.omit({ alias: true });
export const PolicyListBody = z.object({ policies: z.array(PolicyBody) }).strict();

export const RequestPromotionBody = z
  .object({ version: z.number().int().positive(), alias: AliasName, description: z.string().max(10_000).optional() })
  .strict();
export const ReviewBody = z.object({ comment: z.string().max(10_000).optional() }).strict();

const CheckBody = z.object({ label: z.string(), passed: z.boolean(), value: z.string(), check: PolicyCheck }).strict();

export const PromotionSummaryBody = z
  .object({
    id: z.string(),
    project_id: z.string(),
    model_id: z.string(),
    model_name: z.string().optional(),
    version: z.number().optional(),
    alias: z.string(),
    state: z.enum(promotionStates),
    description: z.string(),
    checks: z.array(CheckBody),
    requested_by: Person.optional(),
    created_at: Timestamp,
    closed_at: Timestamp.nullable(),
  })
  .strict();
export const PromotionListBody = z.object({ promotions: z.array(PromotionSummaryBody) }).strict();
/** `?state=open,approved` */
export const PromotionListQuery = z
  .object({
    state: z
      .string()
      .transform((s) => s.split(",").filter(Boolean))
      .pipe(z.array(z.enum(promotionStates)))
      .optional(),
  })
  .strict();

export const PromotionBody = PromotionSummaryBody.extend({
  version: z.number(),
  model_name: z.string(),
  previous_version: z.number().nullable(),
  current_version: z.number().nullable(),
  required_approvals: z.number(),
  approvals: z.number(),
  protected: z.boolean(),
  reviews: z.array(z.object({ reviewer: Person, decision: z.enum(["approve", "reject"]), comment: z.string(), created_at: Timestamp }).strict()),
}).strict();
