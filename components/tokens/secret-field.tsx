"use client";

import { Check, Copy } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "../ui/button";
import { Input } from "../ui/input";
import { Label } from "../ui/label";

/** A secret the server returns exactly once (a token, an invite link), with a copy button. */
export function SecretField({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // No clipboard access (insecure origin, denied permission): select the text for a manual copy.
      const field = document.getElementById(id);
      if (field instanceof HTMLInputElement) field.select();
    }
  }

  return (
    <div className="flex flex-col gap-1.5 rounded-lg border border-primary/30 bg-primary/5 p-4">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input
          id={id}
          readOnly
          value={value}
          data-testid={testId}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.currentTarget.select()}
          className="font-mono text-xs"
        />
        <Button type="button" variant="outline" onClick={copy}>
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
