import type { WebhookEvent } from "@/db/schema/enums";

export const eventLabels: Record<WebhookEvent, string> = {
  "promotion.applied": "A promotion moved an alias (e.g. production)",
  "model_version.created": "A model version was registered",
};
