import { LoadingRows } from "@/components/ui/states";

export default function EnvironmentsLoading() {
  return <LoadingRows rows={3} label="Loading environments" />;
}
