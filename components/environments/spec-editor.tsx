"use client";

import { useId, useRef } from "react";
import { cn } from "../ui/cn";
import { Label } from "../ui/label";
import { EXAMPLE_SPEC, SPEC_SCHEMA_URL } from "./example-spec";

const MIN_ROWS = 10;
const MAX_ROWS = 28;

/** The line a server message points at ("…not valid YAML at line 4: …"), to mark in the gutter. */
export function errorLineOf(message: string | undefined): number | undefined {
  const m = message ? /\bat line (\d+)/.exec(message) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * A monospace textarea with line numbers. Lines do not wrap, so each number stays beside its line;
 * the gutter follows the textarea's scroll.
 */
function SpecEditor({
  value,
  errorLine,
  className,
  onScroll,
  ...props
}: Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "value"> & { value: string; errorLine?: number }) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split("\n").length;
  return (
    <div
      className={cn(
        "flex overflow-hidden rounded-md border border-input bg-background shadow-xs focus-within:ring-2 focus-within:ring-ring",
        props["aria-invalid"] === true && "border-destructive",
        className,
      )}
    >
      <div ref={gutter} aria-hidden className="select-none overflow-hidden border-r bg-muted/40 py-2 text-right font-mono text-xs leading-5 text-muted-foreground">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className={cn("min-w-8 px-2 tabular-nums", i + 1 === errorLine && "bg-destructive/15 font-medium text-destructive")}>
            {i + 1}
          </div>
        ))}
      </div>
      <textarea
        value={value}
        wrap="off"
        rows={Math.min(Math.max(lines + 1, MIN_ROWS), MAX_ROWS)}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        className="min-w-0 flex-1 resize-y bg-transparent px-3 py-2 font-mono text-xs leading-5 outline-none placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-50"
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          onScroll?.(e);
        }}
        {...props}
      />
    </div>
  );
}

/**
 * "Spec (YAML)": the editor, its label, and either the server's verdict on the last save (invalid
 * YAML with its line, unknown keys, bad versions) or a hint with a link to the JSON Schema.
 */
export function SpecField({
  value,
  onChange,
  onBlur,
  error,
  disabled,
  autoFocus,
}: {
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <Label htmlFor={id}>Spec (YAML)</Label>
        <a href={SPEC_SCHEMA_URL} target="_blank" rel="noreferrer" className="text-xs text-primary hover:underline">
          JSON Schema
        </a>
      </div>
      <SpecEditor
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        disabled={disabled}
        autoFocus={autoFocus}
        placeholder={EXAMPLE_SPEC}
        errorLine={errorLineOf(error)}
        aria-invalid={Boolean(error)}
        aria-describedby={messageId}
      />
      {error ? (
        <p id={messageId} role="alert" data-testid="spec-error" className="whitespace-pre-wrap break-words text-xs text-destructive">
          {error}
        </p>
      ) : (
        <p id={messageId} className="text-xs text-muted-foreground">
          Fields: python, packages (name==version pins), lockfile, image, env, setup, system_site_packages, cuda. Quote versions, as in{" "}
          <code className="font-mono">python: &quot;3.11&quot;</code>.
        </p>
      )}
    </div>
  );
}
