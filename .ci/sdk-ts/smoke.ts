// Drives a running hub through the TypeScript SDK generated from openapi/openapi.json by
// @hey-api/openapi-ts (unmodified): a token, a batch upload of 2,000 businesses, every page of
// them, the change feed followed to its end, a typed problem, and an import job of a CSV file.
// Usage: node smoke.js BASE_URL ADMIN_SECRET (compiled with `tsc --strict`).
import { createClient } from './client/client/index.js';
import {
  batchUpsertBusinesses,
  createImportJob,
  getBusinessByTaxCode,
  getImportJob,
  issueToken,
  listBusinesses,
  listChanges,
} from './client/sdk.gen.js';
import type { BusinessInput, ChangeEvent, Problem } from './client/types.gen.js';

const [base, secret] = process.argv.slice(2);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** `n` valid tax codes: nine digits and the tax authority's check digit. */
function taxCodes(n: number): string[] {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const codes: string[] = [];
  for (let prefix = 300_000_000; codes.length < n; prefix++) {
    const digits = String(prefix).split('').map(Number);
    const check = 10 - (digits.reduce((s, d, i) => s + d * weights[i]!, 0) % 11);
    if (check < 10) codes.push(`${prefix}${check}`);
  }
  return codes;
}

async function main(): Promise<void> {
  const client = createClient({ baseUrl: base! });
  const token = await issueToken({
    client,
    body: { grant_type: 'client_credentials', client_id: 'admin', client_secret: secret! },
  });
  if (!token.data) fail(`no token: ${JSON.stringify(token.error)}`);
  const authed = createClient({ baseUrl: base!, auth: token.data.access_token });

  const codes = taxCodes(2_000);
  for (let i = 0; i < codes.length; i += 1_000) {
    const body: BusinessInput[] = codes.slice(i, i + 1_000).map((tax_code, j) => ({ tax_code, name: `Công ty TS ${i + j}` }));
    const batch = await batchUpsertBusinesses({ client: authed, body });
    if (!batch.data || batch.data.failed !== 0) fail(`batch refused: ${JSON.stringify(batch.error ?? batch.data)}`);
  }

  let seen = 0;
  let cursor: string | undefined;
  do {
    const page = await listBusinesses({ client: authed, query: { limit: 500, cursor } });
    if (!page.data) fail(`page refused: ${JSON.stringify(page.error)}`);
    seen += page.data.items.filter((b) => codes.includes(b.tax_code ?? '')).length;
    cursor = page.data.next_cursor ?? undefined;
  } while (cursor);
  if (seen !== codes.length) fail(`paged ${seen} of ${codes.length}`);

  let after = 0;
  const events: ChangeEvent[] = [];
  for (;;) {
    const page = await listChanges({ client: authed, query: { after, limit: 1_000, entity: 'business' } });
    if (!page.data) fail(`feed refused: ${JSON.stringify(page.error)}`);
    events.push(...page.data.items);
    after = page.data.next_after;
    if (!page.data.more) break;
  }
  if (events.filter((e) => e.action === 'created').length < codes.length) fail(`followed ${events.length} events`);

  const missing = await getBusinessByTaxCode({ client: authed, path: { tax_code: '0100233487' } });
  const problem: Problem | undefined = missing.error as Problem | undefined;
  if (missing.response?.status !== 404 || problem?.code !== 'not_found') fail(`expected a typed 404: ${JSON.stringify(missing.error)}`);

  const csv = 'tax_code,name\n' + taxCodes(2_010).slice(2_000).map((c) => `${c},Công ty CSV ${c}`).join('\n') + '\n';
  const job = await createImportJob({
    client: authed,
    query: { resource: 'businesses', file_name: 'ts.csv', format: 'csv' },
    body: new Blob([csv]),
  });
  if (!job.data) fail(`import refused: ${JSON.stringify(job.error)}`);
  let status = job.data.status;
  for (let tries = 0; (status === 'queued' || status === 'running') && tries < 100; tries++) {
    await new Promise((r) => setTimeout(r, 200));
    const read = await getImportJob({ client: authed, path: { id: job.data.id } });
    if (!read.data) fail(`job unreadable: ${JSON.stringify(read.error)}`);
    status = read.data.status;
    if (status === 'succeeded' && read.data.accepted !== 10) fail(`imported ${read.data.accepted} of 10`);
  }
  if (status !== 'succeeded') fail(`the import ended ${status}`);
  console.log(`TypeScript SDK: uploaded ${codes.length}, paged ${seen}, followed ${events.length} changes, a typed 404, imported 10 from CSV`);
}

main().catch((e: unknown) => fail(String(e)));
