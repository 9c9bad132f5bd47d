import { LoadingRows } from "@/components/ui/states";

export default function DashboardsLoading() {
  return <LoadingRows rows={3} label="Loading dashboards" />;
}
