import { CircleCheck, CircleX } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { checkSummary } from "./summaries";
import type { CheckResult } from "./types";

/**
 * The alias's policy checks on this version with what each one saw. While a request is open they
 * are judged afresh on every load; once closed they are as they were when it closed.
 */
export function ChecksCard({ checks, open }: { checks: CheckResult[]; open: boolean }) {
  return (
    <Card role="region" aria-label="Checks">
      <CardHeader>
        <div className="flex items-baseline justify-between gap-2">
          <CardTitle>Checks</CardTitle>
          <span className="text-sm text-muted-foreground" data-testid="checks-summary">
            {checkSummary(checks)}
          </span>
        </div>
        <CardDescription>{open ? "Judged now against the alias's current version." : "As judged when the request closed."}</CardDescription>
      </CardHeader>
      <CardContent>
        {checks.length === 0 ? (
          <p className="text-sm text-muted-foreground">The alias&apos;s policy has no checks.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {checks.map((c, i) => (
              <li key={i} data-testid="promotion-check" data-passed={c.passed} className="flex items-start gap-2 text-sm">
                {c.passed ? (
                  <CircleCheck className="mt-0.5 size-4 shrink-0 text-success" aria-label="passed" />
                ) : (
                  <CircleX className="mt-0.5 size-4 shrink-0 text-destructive" aria-label="failed" />
                )}
                <span className="min-w-0">
                  <span className="font-medium">{c.label}</span>
                  <span className="ml-2 font-mono text-xs text-muted-foreground">{c.value}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
