import type { WebhookDeliveryState } from "@/db/schema/enums";
import { cn } from "../ui/cn";

const styles: Record<WebhookDeliveryState, string> = {
  pending: "border border-dashed border-primary/40 text-primary",
  delivered: "bg-success/15 text-success",
  failed: "bg-destructive/10 text-destructive",
};

/** The state word the API returns ("pending", "delivered", "failed"), capitalised only by CSS. */
export function DeliveryStateBadge({ state }: { state: WebhookDeliveryState }) {
  return (
    <span data-state={state} className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium capitalize", styles[state])}>
      {state}
    </span>
  );
}
