import { LoadingRows } from "@/components/ui/states";

export default function ComputeLoading() {
  return <LoadingRows rows={3} label="Loading compute" />;
}
