import { EmptyState } from "../ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function ParamsTable({ params }: { params: Record<string, string> }) {
  const entries = Object.entries(params).sort(([a], [b]) => natural.compare(a, b));
  if (entries.length === 0) return <EmptyState title="No params" description="Params passed to trainyard.init(params=...) appear here." />;
  return (
    <Table aria-label="Params">
      <THead>
        <Tr>
          <Th className="w-1/3">Key</Th>
          <Th>Value</Th>
        </Tr>
      </THead>
      <TBody>
        {entries.map(([key, value]) => (
          <Tr key={key}>
            <Td className="font-mono text-xs">{key}</Td>
            <Td className="whitespace-pre-wrap break-all font-mono text-xs">{value}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
