/**
 * Validation against the official SARIF 2.1.0 JSON schema, as shipped in Microsoft's
 * @microsoft/jest-sarif package (lib/schemas/sarif-2.1.0-rtm.5.json, a draft-04 schema).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const SCHEMA_FILE = path.join(
  path.dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib/schemas/sarif-2.1.0-rtm.5.json',
);

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { title: string };
// The schema predates ajv's strict mode, and its pattern for `language` has a stray "]" that is
// only valid without the regular expressions' unicode flag (as JSON Schema draft-04 tools read
// it). Neither changes what the data is checked against; every format it uses (uri,
// uri-reference, date-time) is checked.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

export const SARIF_SCHEMA_TITLE = schema.title;

/** The schema violations of a log, as readable strings; empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
