// The tokenizer of MLflow's search language. It is SQL-like: identifiers whose dotted segments may be quoted with "", ''
// or ``, single- or double-quoted strings, numbers, comparison operators, keywords and lists.

export type Token =
  | { kind: "ident"; text: string; segments: string[] }
  | { kind: "keyword"; text: string; word: string }
  | { kind: "string"; text: string; value: string }
  | { kind: "number"; text: string; value: number }
  | { kind: "op"; text: string }
  | { kind: "punct"; text: string };

const keywords = new Set(["AND", "OR", "NOT", "LIKE", "ILIKE", "IN", "IS", "NULL", "ASC", "DESC"]);
const numberPattern = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])/;
const wordPattern = /^\w+/;

/** Reads a quoted run starting at `start`; a doubled quote or a backslash escapes the quote. */
function readQuoted(input: string, start: number): { end: number; value: string } | null {
  const quote = input[start]!;
  let value = "";
  let i = start + 1;
  while (i < input.length) {
    const c = input[i]!;
    if (c === "\\" && i + 1 < input.length) {
      // Kept as written: LIKE patterns use backslash escapes of their own.
      value += c + input[i + 1];
      i += 2;
    } else if (c === quote && input[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (c === quote) {
      return { end: i + 1, value };
    } else {
      value += c;
      i += 1;
    }
  }
  return null;
}

export function tokenize(input: string, fail: (what: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const rest = input.slice(i);
    const number = numberPattern.exec(rest);
    if (number) {
      tokens.push({ kind: "number", text: number[0], value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const quoted = readQuoted(input, i);
      if (!quoted) fail(rest);
      // "a".b is an identifier whose first segment is quoted; otherwise a quoted run is a value.
      if (input[quoted.end] !== ".") {
        tokens.push({ kind: "string", text: input.slice(i, quoted.end), value: quoted.value });
        i = quoted.end;
        continue;
      }
    }
    if (/[\w`'"]/.test(c)) {
      const start = i;
      const segments: string[] = [];
      for (;;) {
        const q = input[i];
        if (q === "`" || q === "'" || q === '"') {
          const quoted = readQuoted(input, i);
          if (!quoted) fail(input.slice(start));
          segments.push(input.slice(i, quoted.end));
          i = quoted.end;
        } else {
          const word = wordPattern.exec(input.slice(i));
          if (!word) fail(input.slice(start));
          segments.push(word[0]);
          i += word[0].length;
        }
        if (input[i] !== "." || !/[\w`'"]/.test(input[i + 1] ?? "")) break;
        i += 1;
      }
      const text = input.slice(start, i);
      const upper = text.toUpperCase();
      if (segments.length === 1 && keywords.has(upper)) tokens.push({ kind: "keyword", text, word: upper });
      else tokens.push({ kind: "ident", text, segments });
      continue;
    }
    const op = /^[<>=!~]+/.exec(rest);
    if (op) {
      tokens.push({ kind: "op", text: op[0] });
      i += op[0].length;
      continue;
    }
    tokens.push({ kind: "punct", text: c });
    i += 1;
  }
  return tokens;
}

const isQuoted = (s: string, q: string) => s.length >= 2 && s.startsWith(q) && s.endsWith(q);
export function unquote(s: string): string {
  for (const q of ["`", '"', "'"]) if (isQuoted(s, q)) return readQuoted(s, 0)?.value ?? s.slice(1, -1);
  return s;
}
