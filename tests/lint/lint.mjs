// Offline check of Cypher with Neo4j's own parser and semantic analysis.
// stdin:  {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//          "cypherVersion": "CYPHER 5",
//          "queries": [{"name": "...", "text": "...", "params": {...}}]}
// stdout: {"results": [{"name": "...", "diagnostics": [{"severity": "error"|"warning", "message",
//          "line", "character"}]}]}
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const input = JSON.parse(await readStdin());
const schema = input.schema ?? {};
const results = (input.queries ?? []).map(({ name, text, params }) => {
  const dbSchema = {
    labels: schema.labels ?? [],
    relationshipTypes: schema.relationshipTypes ?? [],
    propertyKeys: schema.propertyKeys ?? [],
    parameters: params ?? {},
    ...(input.cypherVersion ? { defaultLanguage: input.cypherVersion } : {}),
  };
  const { diagnostics } = lintCypherQuery(text, dbSchema);
  return {
    name,
    diagnostics: diagnostics.map((d) => ({
      severity: SEVERITY[d.severity] ?? String(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      character: d.range.start.character + 1,
    })),
  };
});
process.stdout.write(JSON.stringify({ results }) + '\n');
