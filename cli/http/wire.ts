import { z } from "zod";
import { Timestamp } from "../../server/http/contracts/common";

/**
 * The contracts describe what the server *produces*: timestamps go in as Date and out as ISO strings.
 * A client reads the produced JSON, so each Timestamp is swapped for a string, and objects stop being
 * strict so that an agent older than its server keeps working when the server adds a field.
 */
export function wire<S extends z.ZodType>(schema: S): z.ZodType<z.output<S>> {
  return toWire(schema) as z.ZodType<z.output<S>>;
}

function toWire(schema: z.ZodType): z.ZodType {
  if (schema === Timestamp) return z.string();
  if (schema instanceof z.ZodNullable) return toWire(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return toWire(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodArray) return z.array(toWire(schema.element as z.ZodType));
  if (schema instanceof z.ZodRecord) return z.record(schema.keyType as z.ZodString, toWire(schema.valueType as z.ZodType));
  if (schema instanceof z.ZodUnion) {
    const options = (schema.options as readonly z.ZodType[]).map(toWire);
    return z.union(options as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  }
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) shape[key] = toWire(field);
    return z.object(shape);
  }
  return schema;
}
