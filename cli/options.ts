import { InvalidArgumentError } from "commander";

/** A mistake in how the command was called; main prints the message without a stack. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Reads one `key=value`. The value may itself contain `=`; the key may not be empty, and a key given
 * twice is an error rather than a silent override.
 */
export function parseKeyValue(input: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = input.indexOf("=");
  if (at === -1) throw new InvalidArgumentError(`expected key=value, got "${input}"`);
  const key = input.slice(0, at).trim();
  if (key === "") throw new InvalidArgumentError(`the key is empty in "${input}"`);
  if (/\s/.test(key)) throw new InvalidArgumentError(`the key "${key}" contains white space`);
  if (Object.hasOwn(previous, key)) throw new InvalidArgumentError(`"${key}" is given twice`);
  return { ...previous, [key]: input.slice(at + 1) };
}

export function parseInteger(min: number, max = Number.MAX_SAFE_INTEGER): (input: string) => number {
  return (input) => {
    if (!/^-?\d+$/.test(input.trim())) throw new InvalidArgumentError(`expected a whole number, got "${input}"`);
    const value = Number(input);
    if (value < min || value > max) throw new InvalidArgumentError(`expected a number from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}, got ${value}`);
    return value;
  };
}

export function parsePositiveNumber(input: string): number {
  const value = Number(input);
  if (input.trim() === "" || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`expected a positive number, got "${input}"`);
  return value;
}
