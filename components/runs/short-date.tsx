"use client";

const formatter = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

/**
 * A compact timestamp for dense tables ("Nov 23, 12:16"); the full ISO value is in the title.
 * Like DateTime, the text is in the reader's zone and may differ from the server's render.
 */
export function ShortDate({ value }: { value: Date | string | null | undefined }) {
  if (!value) return <span className="text-muted-foreground">—</span>;
  const date = value instanceof Date ? value : new Date(value);
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso} suppressHydrationWarning>
      {formatter.format(date)}
    </time>
  );
}
