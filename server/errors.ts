// The closed set of domain errors. Mapped once to tRPC codes (server/trpc/init.ts) and once to
// HTTP statuses (server/http/respond.ts); anything else is a 500 whose message is never shown.
export const domainErrorCodes = [
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHORIZED",
  "CONFLICT",
  "VALIDATION",
  "PRECONDITION_FAILED",
  "LIMIT_EXCEEDED",
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You do not have permission to do this") =>
  new DomainError("FORBIDDEN", message);
export const unauthorized = (message = "Sign in or send a valid API token") =>
  new DomainError("UNAUTHORIZED", message);
export const conflict = (message: string) => new DomainError("CONFLICT", message);
export const validation = (message: string, details?: unknown) => new DomainError("VALIDATION", message, details);
export const preconditionFailed = (message: string) => new DomainError("PRECONDITION_FAILED", message);

export const httpStatusOf: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  CONFLICT: 409,
  VALIDATION: 422,
  PRECONDITION_FAILED: 412,
  LIMIT_EXCEEDED: 413,
};

/** Postgres unique violation, raised by both PGlite and node-postgres with this SQLSTATE. */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === "object"; i++) {
    if ((e as { code?: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
