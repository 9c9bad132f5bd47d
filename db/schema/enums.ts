// Closed value sets shared by pgEnum columns, zod schemas and the UI. This module must stay free of
// imports so that client code may import it (the one db/ module it may).
export const teamRoles = ["owner", "admin", "member", "reviewer", "viewer"] as const;
export type TeamRole = (typeof teamRoles)[number];

export const signupPolicies = ["open", "invite", "closed"] as const;
export type SignupPolicy = (typeof signupPolicies)[number];

export const runStatuses = ["queued", "running", "succeeded", "failed", "cancelled", "lost"] as const;
export type RunStatus = (typeof runStatuses)[number];
export const terminalRunStatuses = ["succeeded", "failed", "cancelled", "lost"] as const satisfies readonly RunStatus[];

export const logStreams = ["stdout", "stderr"] as const;
export type LogStream = (typeof logStreams)[number];

export const computeKinds = ["agent", "slurm", "kubernetes"] as const;
export type ComputeKind = (typeof computeKinds)[number];

export const jobStates = ["queued", "assigned", "running", "succeeded", "failed", "cancelled", "lost"] as const;
export type JobState = (typeof jobStates)[number];
export const activeJobStates = ["assigned", "running"] as const satisfies readonly JobState[];
export const terminalJobStates = ["succeeded", "failed", "cancelled", "lost"] as const satisfies readonly JobState[];

export const reproductionVerdicts = ["pending", "reproduced", "diverged", "not_comparable"] as const;
export type ReproductionVerdict = (typeof reproductionVerdicts)[number];

export const promotionStates = ["open", "approved", "applied", "rejected", "cancelled", "superseded"] as const;
export type PromotionState = (typeof promotionStates)[number];
export const openPromotionStates = ["open", "approved"] as const satisfies readonly PromotionState[];

export const reviewDecisions = ["approve", "reject"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

export const webhookEvents = ["promotion.applied", "model_version.created"] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export const webhookDeliveryStates = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryState = (typeof webhookDeliveryStates)[number];
