"use client";

import { Trash2 } from "lucide-react";
import { Button } from "./button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "./card";
import { ConfirmDialog } from "./confirm-dialog";

/** A destructive action behind a confirmation that asks the user to type the thing's slug. */
export function DangerZone({
  action,
  description,
  confirmTitle,
  confirmDescription,
  requireText,
  onConfirm,
}: {
  action: string;
  description: string;
  confirmTitle: string;
  confirmDescription: string;
  requireText: string;
  onConfirm: () => Promise<unknown>;
}) {
  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle>{action}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmDialog
          trigger={
            <Button variant="destructive">
              <Trash2 aria-hidden /> {action}
            </Button>
          }
          title={confirmTitle}
          description={confirmDescription}
          confirmLabel={action}
          requireText={requireText}
          onConfirm={onConfirm}
        />
      </CardContent>
    </Card>
  );
}
