"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { cn } from "../ui/cn";
import { shortDigest } from "./format";

/** A sha256 digest by its first 12 characters; the full one is in the title and on the copy button. */
export function Digest({ digest, copy = true, className }: { digest: string; copy?: boolean; className?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className={cn("inline-flex items-center gap-1", className)}>
      <code className="font-mono text-xs" title={`sha256:${digest}`} data-digest={digest}>
        {shortDigest(digest)}
      </code>
      {copy ? (
        <button
          type="button"
          aria-label="Copy digest"
          title={copied ? "Copied" : "Copy the full digest"}
          className="rounded-sm p-0.5 text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          onClick={() => {
            navigator.clipboard.writeText(`sha256:${digest}`).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
        </button>
      ) : null}
    </span>
  );
}
