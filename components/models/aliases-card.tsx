import { ShieldCheck } from "lucide-react";
import { ShortDate } from "../runs/short-date";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import type { RequestPreset } from "./request-promotion-dialog";
import type { ModelAlias, PromotionPolicy } from "./types";

/**
 * Where each alias points now, and the aliases the project's policies guard that point nowhere
 * yet; each row offers a promotion request for it.
 */
export function AliasesCard({
  aliases,
  policies,
  canRequest,
  onRequest,
}: {
  aliases: ModelAlias[];
  policies: PromotionPolicy[];
  canRequest: boolean;
  onRequest: (preset: RequestPreset) => void;
}) {
  const names = [...new Set([...aliases.map((a) => a.alias), ...policies.map((p) => p.alias)])].sort();
  return (
    <Card role="region" aria-label="Aliases">
      <CardHeader>
        <CardTitle>Aliases</CardTitle>
        <CardDescription>What serving systems resolve: GET /api/v1/models/…/aliases/&lt;alias&gt;.</CardDescription>
      </CardHeader>
      <CardContent>
        {names.length === 0 ? (
          <p className="text-sm text-muted-foreground">No aliases yet. Request a promotion to point one at a version.</p>
        ) : (
          <ul className="divide-y rounded-md border text-sm">
            {names.map((name) => {
              const alias = aliases.find((a) => a.alias === name);
              const policy = policies.find((p) => p.alias === name);
              return (
                <li key={name} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2" data-testid="alias-row" data-alias={name}>
                  <span className="font-mono font-medium">{name}</span>
                  <span aria-hidden>→</span>
                  <span className="font-mono" data-testid="alias-version">
                    {alias ? `v${alias.version}` : <span className="text-muted-foreground">none</span>}
                  </span>
                  {policy ? (
                    <span className="inline-flex items-center gap-1 text-xs text-muted-foreground" title="Moves only through a reviewed request">
                      <ShieldCheck className="size-3.5" aria-hidden /> policy
                    </span>
                  ) : null}
                  {alias ? (
                    <span className="text-xs text-muted-foreground">
                      since <ShortDate value={alias.updatedAt} />
                    </span>
                  ) : null}
                  {canRequest ? (
                    <Button variant="outline" size="sm" className="ml-auto" aria-label={`Request promotion to ${name}`} onClick={() => onRequest({ alias: name })}>
                      Request promotion
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
