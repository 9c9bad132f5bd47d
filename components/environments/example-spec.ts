/** Shown in the editor's placeholder and the empty state: a small spec that is fully pinned. */
export const EXAMPLE_SPEC = `python: "3.11"
packages:
  - torch==2.3.1
  - numpy==1.26.4
env:
  PYTHONHASHSEED: "0"
`;

/** The published JSON Schema of a spec, for editors and for reading what each field means. */
export const SPEC_SCHEMA_URL = "/api/v1/environments/schema.json";
