import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError, isUniqueViolation } from "../errors";
import { logger } from "../logger";
import { toErrorResponse } from "./errors";

describe("REST error mapping", () => {
  it("maps each domain error to its status with a JSON body that carries the code", async () => {
    const cases: [DomainError, number][] = [
      [new DomainError("NOT_FOUND", "Team not found"), 404],
      [new DomainError("FORBIDDEN", "no"), 403],
      [new DomainError("UNAUTHORIZED", "no"), 401],
      [new DomainError("CONFLICT", "taken"), 409],
      [new DomainError("VALIDATION", "bad"), 422],
      [new DomainError("PRECONDITION_FAILED", "state"), 412],
      [new DomainError("LIMIT_EXCEEDED", "big"), 413],
    ];
    for (const [error, status] of cases) {
      const res = toErrorResponse(error, "test");
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: { code: error.code, message: error.message } });
    }
  });

  it("answers 422 for zod errors", async () => {
    const parsed = z.object({ a: z.string() }).safeParse({ a: 1 });
    const res = toErrorResponse(parsed.error, "test");
    expect(res.status).toBe(422);
  });

  it("never shows an unexpected error's message or stack", async () => {
    const level = logger.level;
    logger.level = "silent";
    const res = toErrorResponse(new Error("password=hunter2 at /srv/app.ts:1"), "test");
    logger.level = level;
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("app.ts");
  });

  it("recognises a unique violation however deep the driver wraps it", () => {
    expect(isUniqueViolation({ code: "23505" })).toBe(true);
    expect(isUniqueViolation(new Error("x", { cause: { code: "23505" } }))).toBe(true);
    expect(isUniqueViolation(new Error("x"))).toBe(false);
  });
});
