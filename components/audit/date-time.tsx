"use client";

const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * A timestamp in the reader's locale and time zone. The server renders in its own zone, so the text
 * may differ on hydration; the ISO value in `dateTime` and `title` is the same on both sides.
 */
export function DateTime({ value, fallback = "—" }: { value: Date | string | null | undefined; fallback?: string }) {
  if (!value) return <span className="text-muted-foreground">{fallback}</span>;
  const date = value instanceof Date ? value : new Date(value);
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso} suppressHydrationWarning>
      {formatter.format(date)}
    </time>
  );
}
