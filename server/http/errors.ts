import { ZodError, z } from "zod";
import { DomainError, httpStatusOf } from "../errors";
import { logger } from "../logger";
import { jsonResponse } from "./json-response";

export interface RestErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorResponse(status: number, code: string, message: string, details?: unknown): Response {
  const body: RestErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return jsonResponse(body, status);
}

/** The one mapping from thrown errors to REST answers; a 5xx never carries its message or stack. */
export function toErrorResponse(error: unknown, route: string): Response {
  if (error instanceof DomainError) {
    return errorResponse(httpStatusOf[error.code], error.code, error.message, error.details);
  }
  if (error instanceof ZodError) {
    return errorResponse(422, "VALIDATION", z.prettifyError(error), z.flattenError(error));
  }
  logger.error({ err: error, route }, "REST handler failed");
  return errorResponse(500, "INTERNAL", "Internal server error");
}
