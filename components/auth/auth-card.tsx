export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border bg-card p-8 shadow-sm">
        <p className="mb-6 text-sm font-semibold tracking-tight text-primary">Trainyard</p>
        <h1 className="text-xl font-semibold">{title}</h1>
        {subtitle ? <p className="mt-1 text-sm text-muted-foreground">{subtitle}</p> : null}
        <div className="mt-6">{children}</div>
      </div>
    </div>
  );
}

/** Only same-site paths are followed after signing in. */
export function safeNext(next: string | null, fallback = "/projects"): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : fallback;
}
