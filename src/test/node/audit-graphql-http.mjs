// Runs graphql-http's GraphQL over HTTP audit (the spec's MUST, SHOULD and MAY) against a server.
// node audit-graphql-http.mjs http://localhost:PORT/graphql → JSON list of every result that is not
// "ok": {id, name, status ("error" for a MUST, "warn" for a SHOULD, "notice" for a MAY), reason}.
import { auditServer } from 'graphql-http';

const results = await auditServer({ url: process.argv[2] });
const failed = results
  .filter((result) => result.status !== 'ok')
  .map(({ id, name, status, reason }) => ({ id, name, status, reason }));
process.stdout.write(JSON.stringify(failed));
