"use client";

import { useMemo } from "react";
import { type SideBySide, sideBySide } from "../environments/diff-rows";
import { DiffGrid } from "../environments/spec-diff";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import type { PromotionDetails } from "./types";

type Environment = PromotionDetails["environments"]["candidate"];

const sideLabel = (who: string, env: NonNullable<Environment>) => `${who} · ${env.name}@${env.version}`;

function diffNote(candidate: Environment, current: Environment, hasCurrent: boolean, diff: SideBySide): string {
  if (!candidate && !current) return "Neither version's run declared an environment.";
  if (!hasCurrent) return "No current version: the spec is shown on its own.";
  if (!current) return "The current version's run declared no environment.";
  if (!candidate) return "This version's run declared no environment.";
  if (current.digest === candidate.digest) return "Both versions ran in the same environment.";
  return `${diff.added} line${diff.added === 1 ? "" : "s"} added, ${diff.removed} removed.`;
}

/** The environment spec of the current version (left) against the requested version's (right). */
export function EnvironmentDiff({
  candidate,
  current,
  hasCurrent,
}: {
  candidate: Environment;
  current: Environment;
  /** Whether the alias has a version to compare with at all. */
  hasCurrent: boolean;
}) {
  const diff = useMemo(() => sideBySide(current?.specYaml ?? "", candidate?.specYaml ?? ""), [current?.specYaml, candidate?.specYaml]);
  const note = diffNote(candidate, current, hasCurrent, diff);
  return (
    <Card role="region" aria-label="Environment">
      <CardHeader>
        <CardTitle>Environment</CardTitle>
        <CardDescription data-testid="env-diff-note">{note}</CardDescription>
      </CardHeader>
      {candidate || current ? (
        <CardContent>
          <DiffGrid
            diff={diff}
            left={current ? sideLabel("current", current) : hasCurrent ? "current · none" : "no current version"}
            right={candidate ? sideLabel("this version", candidate) : "this version · none"}
            data-testid="promotion-env-diff"
          />
        </CardContent>
      ) : null}
    </Card>
  );
}
