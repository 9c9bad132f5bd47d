import { ZodError } from "zod";
import { DomainError, isUniqueViolation, type DomainErrorCode } from "../../errors";
import { logger } from "../../logger";

// MLflow's error body and the HTTP statuses its clients expect. The client retries 408, 429 and
// 5xx seven times, so nothing a caller can fix may ever answer 5xx.
export const mlflowErrorCodes = {
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  BAD_REQUEST: 400,
  PERMISSION_DENIED: 403,
  UNAUTHENTICATED: 401,
  INTERNAL_ERROR: 500,
} as const;
export type MlflowErrorCode = keyof typeof mlflowErrorCodes;

export class MlflowError extends Error {
  constructor(
    readonly code: MlflowErrorCode,
    message: string,
    readonly status: number = mlflowErrorCodes[code],
  ) {
    super(message);
    this.name = "MlflowError";
  }
}

export const invalidParameter = (message: string) => new MlflowError("INVALID_PARAMETER_VALUE", message);
export const missingParameter = (name: string) =>
  `Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`;

const fromDomain: Record<DomainErrorCode, MlflowErrorCode> = {
  NOT_FOUND: "RESOURCE_DOES_NOT_EXIST",
  FORBIDDEN: "PERMISSION_DENIED",
  UNAUTHORIZED: "UNAUTHENTICATED",
  CONFLICT: "INVALID_PARAMETER_VALUE",
  VALIDATION: "INVALID_PARAMETER_VALUE",
  PRECONDITION_FAILED: "INVALID_PARAMETER_VALUE",
  LIMIT_EXCEEDED: "INVALID_PARAMETER_VALUE",
};

export function mlflowErrorResponse(code: MlflowErrorCode, message: string, status: number = mlflowErrorCodes[code]): Response {
  return Response.json({ error_code: code, message }, { status });
}

/** The one mapping from thrown errors to MLflow answers; a 5xx never carries its message or stack. */
export function toMlflowErrorResponse(error: unknown, route: string): Response {
  if (error instanceof MlflowError) return mlflowErrorResponse(error.code, error.message, error.status);
  if (error instanceof DomainError) {
    const hinted = (error.details as { mlflow?: MlflowErrorCode } | undefined)?.mlflow;
    const code = hinted ?? fromDomain[error.code];
    // A body over the limit keeps its 413: no MLflow code fits, and 413 is not retried.
    const status = error.code === "LIMIT_EXCEEDED" ? 413 : mlflowErrorCodes[code];
    return mlflowErrorResponse(code, error.message, status);
  }
  if (error instanceof ZodError) return mlflowErrorResponse("INVALID_PARAMETER_VALUE", describeZodError(error));
  if (isUniqueViolation(error)) return mlflowErrorResponse("RESOURCE_ALREADY_EXISTS", "The resource already exists");
  logger.error({ err: error, route }, "MLflow handler failed");
  return mlflowErrorResponse("INTERNAL_ERROR", "Internal server error");
}

/** MLflow's wording for a request that misses or mistypes a field. */
export function describeZodError(error: ZodError, raw?: unknown): string {
  const at = (path: PropertyKey[]) => path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
  return error.issues
    .map((issue) => {
      const path = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
      if (issue.code === "custom") return issue.message;
      if (raw !== undefined ? at(issue.path) === undefined : /received undefined/.test(issue.message)) return missingParameter(path);
      return `Invalid value for parameter '${path}' supplied: ${issue.message}`;
    })
    .join(" ");
}
