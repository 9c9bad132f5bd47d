import { LoadingRows } from "@/components/ui/states";

export default function DashboardLoading() {
  return <LoadingRows rows={4} label="Loading the dashboard" />;
}
