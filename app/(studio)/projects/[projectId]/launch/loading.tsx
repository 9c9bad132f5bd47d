import { LoadingRows } from "@/components/ui/states";

export default function LaunchLoading() {
  return <LoadingRows rows={4} label="Loading launch form" />;
}
