// The model page's view state lives in the URL: `history=<alias>` narrows the alias history to one alias.

export interface ModelView {
  /** The alias whose moves the history shows; every alias when null. */
  history: string | null;
}

export function parseModelView(params: URLSearchParams): ModelView {
  const history = params.get("history")?.trim();
  return { history: history ? history : null };
}

export function serializeModelView(view: ModelView): string {
  const params = new URLSearchParams();
  if (view.history) params.set("history", view.history);
  return params.toString();
}
