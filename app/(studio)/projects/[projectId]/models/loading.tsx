import { LoadingRows } from "@/components/ui/states";

export default function ModelsLoading() {
  return <LoadingRows rows={3} label="Loading models" />;
}
