import type { z } from "zod";
import type { ServiceContext } from "../../context";
import type { Runtime } from "../../runtime";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** One MLflow REST method: which HTTP methods reach it, its request message and what it does. */
export interface Endpoint<S extends z.ZodType = z.ZodType> {
  methods: Method[];
  input: S;
  handler: (args: { ctx: ServiceContext; rt: Runtime; input: z.output<S> }) => Promise<Record<string, unknown>>;
}

export const endpoint = <S extends z.ZodType>(def: Endpoint<S>): Endpoint => def as unknown as Endpoint;
