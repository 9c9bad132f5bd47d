// A dashboard's link opens it to look at; `?edit=1` (where a new dashboard lands) opens it in
// edit mode for those who may edit.
export interface DashboardView {
  edit: boolean;
}

export function parseDashboardView(params: URLSearchParams): DashboardView {
  return { edit: params.get("edit") === "1" };
}
