// The environment page's view state lives in the URL so that a link opens the same version and
// the same comparison. `v` is also what components/environments/format.ts environmentHref writes.

export interface EnvironmentView {
  /** The version whose spec is shown; the latest when null. */
  version: number | null;
  /** The diff's left (older) side; the version before the latest when null. */
  a: number | null;
  /** The diff's right side; the latest when null. */
  b: number | null;
}

function versionParam(params: URLSearchParams, key: string): number | null {
  const n = Number(params.get(key) ?? "");
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function parseEnvironmentView(params: URLSearchParams): EnvironmentView {
  return { version: versionParam(params, "v"), a: versionParam(params, "a"), b: versionParam(params, "b") };
}

export function serializeEnvironmentView(view: EnvironmentView): string {
  const params = new URLSearchParams();
  if (view.version !== null) params.set("v", String(view.version));
  if (view.a !== null) params.set("a", String(view.a));
  if (view.b !== null) params.set("b", String(view.b));
  return params.toString();
}
