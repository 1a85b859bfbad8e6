import { describe, expect, it } from 'vitest';
import { applyEdits } from '../testing/apply-edits';
import { checkBothModes, where } from '../testing/both-modes';
import { checkCode } from '../testing/check-code';
import { LIBRARY_STUBS } from '../testing/library-stubs';

const SCOPE = 'capsule-guard/isolation-scope-required';
const CAPSULE = 'capsule-guard/capsule-id-required';
const KEYS = 'capsule-guard/isolated-key-templates';
const files = LIBRARY_STUBS;

const CONTRACT = `    Contract: {
      pk: { type: String, value: 'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#CONTRACT#\${id}' },
      sk: { type: String, value: '\${_type}#\${id}' },
      gs1pk: { type: String, value: 'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#CUSTOMER#\${customerId:8:0}' },
      gs1sk: { type: String, value: 'CONTRACT#\${id}' },
      tenantId: { type: String, required: true },
      capsuleId: { type: String, required: true },
      id: { type: String, required: true },
      customerId: { type: String },
    },`;

/** A schema with `models`; the first model's name is on line 10, column 5. */
const schema = (models: string, wrap = (object: string) => `${object} as const`) => `import { Table } from 'dynamodb-onetable';

export const Schema = ${wrap(`{
  version: '0.0.1',
  indexes: {
    primary: { hash: 'pk', sort: 'sk' },
    gs1: { hash: 'gs1pk', sort: 'gs1sk', project: 'all' },
  },
  models: {
${models}
  },
}`)};

export const table = new Table({ name: 'platform_data', schema: Schema });
`;

describe('OneTable models', () => {
  it('accepts an isolated model whose key values begin with the tenant and capsule', () => {
    expect(checkBothModes(schema(CONTRACT), { files })).toEqual([]);
  });

  it('finds a schema typed OneSchema without a Table, through satisfies and a type-only import', () => {
    const leaky = CONTRACT.replace('TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT', 'CONTRACT');
    const code = schema(leaky, (object) => `${object} as const satisfies OneSchema`)
      .replace("import { Table } from 'dynamodb-onetable';", "import type { OneSchema } from 'dynamodb-onetable';")
      .replace(/export const table = .*\n/u, '');
    expect(where(checkBothModes(code, { files }))).toEqual([
      [KEYS, 'libraryMissingTenantSegment', 11, 34, "'CONTRACT#${id}'"],
      [KEYS, 'libraryMissingCapsuleSegment', 11, 34, "'CONTRACT#${id}'"],
    ]);
  });

  it('reports each model once when its schema is both typed and given to a Table', () => {
    const leaky = CONTRACT.replace('TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT', 'CONTRACT');
    const code = schema(leaky, (object) => `${object} as const satisfies OneSchema`).replace('import { Table }', 'import { Table, type OneSchema }');
    expect(where(checkBothModes(code, { files })).map((f) => f[1])).toEqual(['libraryMissingTenantSegment', 'libraryMissingCapsuleSegment']);
  });

  it('does not check a look-alike Table or a schema of another library', () => {
    const leaky = CONTRACT.replace('TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT', 'CONTRACT');
    const local = schema(leaky).replace("import { Table } from 'dynamodb-onetable';", 'class Table { constructor(_: unknown) {} }');
    // Its key-like strings are keys written by hand now, the other rule's business.
    expect(new Set(checkBothModes(local, { files }).map((f) => f.ruleId))).toEqual(new Set(['capsule-guard/isolated-key-literals']));
  });
});

describe('key values', () => {
  it('reports a partition key value without the capsule segment, with the corrected template in OneTable syntax', () => {
    const code = schema(CONTRACT.replace('TENANT#${tenantId}#CAPSULE#${capsuleId}#CUSTOMER', 'TENANT#${tenantId}#CUSTOMER'));
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([[KEYS, 'libraryMissingCapsuleSegment', 13, 37, "'TENANT#${tenantId}#CUSTOMER#${customerId:8:0}'"]]);
    expect(findings[0].message).toBe(
      "Capsule-isolated OneTable model 'Contract': the 'gs1pk' value (index 'gs1') template 'TENANT#${tenantId}#CUSTOMER#${customerId:8:0}' has no 'CAPSULE#${capsuleId}' segment after the tenant segment, so its items leak across capsules. Write 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CUSTOMER#${customerId:8:0}'.",
    );
    expect(applyEdits(code, findings[0].suggestions[0].edits)).toBe(code.replace('TENANT#${tenantId}#CUSTOMER', 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CUSTOMER'));
  });

  it('reports a capsule segment before the tenant segment, and scope not at the start', () => {
    const code = schema(
      CONTRACT.replace("'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}'", "'CAPSULE#${capsuleId}#TENANT#${tenantId}#${id}'")
        .replace("'TENANT#${tenantId}#CAPSULE#${capsuleId}#CUSTOMER#${customerId:8:0}'", "'CUSTOMER#${customerId}#TENANT#${tenantId}#CAPSULE#${capsuleId}'"),
    );
    const findings = checkBothModes(code, { files });
    expect(where(findings).map((f) => [f[1], f[2]])).toEqual([
      ['libraryMissingCapsuleSegment', 11],
      ['libraryScopeNotAtStart', 13],
    ]);
    expect(findings[0].data.fixed).toBe('TENANT#${tenantId}#CAPSULE#${capsuleId}#${id}');
  });

  it('reports a placeholder naming no attribute, in a sort key too, and accepts ${_type}', () => {
    const code = schema(CONTRACT.replace("'${_type}#${id}'", "'${_type}#${orderId}'"));
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([[KEYS, 'libraryUnknownAttribute', 12, 34, "'${_type}#${orderId}'"]]);
    expect(findings[0].message).toContain("uses '${orderId}', but there is no attribute 'orderId'. Use one of its attributes, e.g. '${pk}', '${sk}'");
  });

  it('accepts a typeField configured in params', () => {
    const code = schema(CONTRACT.replace("'${_type}#${id}'", "'${kind}#${id}'")).replace("  version: '0.0.1',", "  version: '0.0.1',\n  params: { typeField: 'kind' },");
    expect(checkBothModes(code, { files })).toEqual([]);
  });

  it('reports a malformed ${field:size:pad}', () => {
    const code = schema(CONTRACT.replace('${customerId:8:0}', '${customerId:wide}'));
    const findings = checkBothModes(code, { files });
    expect(where(findings).map((f) => f[1])).toEqual(['libraryMalformedTemplate']);
    expect(findings[0].data.problem).toBe("'${customerId:wide}' does not name an attribute (write e.g. '${attribute}')");
  });

  it('does not check the partition key of a local index', () => {
    const code = schema(CONTRACT).replace("    gs1: { hash: 'gs1pk'", "    ls1: { type: 'local', sort: 'lsk' },\n    gs1: { hash: 'gs1pk'");
    expect(checkBothModes(code, { files })).toEqual([]);
  });
});

describe('fail closed', () => {
  it('reports value: true, a missing value and a model without its partition key attribute', () => {
    const models = `${CONTRACT.replace("value: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}'", 'value: true').replace("gs1pk: { type: String, value: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CUSTOMER#${customerId:8:0}' }", 'gs1pk: { type: String }')}
    Grant: { sk: { type: String, value: 'GRANT' }, capsuleId: { type: String, required: true } },`;
    const findings = checkBothModes(schema(models), { files });
    expect(where(findings).map((f) => [f[1], f[2], f[3], f[4]])).toEqual([
      ['libraryUnverifiable', 11, 34, 'true'],
      ['libraryUnverifiable', 13, 14, '{ type: String }'],
      ['libraryMissingKey', 20, 5, 'Grant'],
    ]);
    expect(findings[0].message).toBe(
      "OneTable model 'Contract': the 'pk' value (index 'primary') template cannot be resolved statically (value: true computes the key with the table's value function at run time), so its keys were not checked. Write the attribute's value as a template string, e.g. value: 'TENANT#${tenantId}#…'; a function or value: true is computed at run time and cannot be checked.",
    );
    expect(findings[2].message).toBe(
      "OneTable model 'Grant': the 'pk' value (index 'primary') is missing, so its partition cannot be checked. Add pk: { type: String, value: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#…' }.",
    );
  });

  it('asks for as const when the schema can change', () => {
    const findings = checkBothModes(schema(CONTRACT, (object) => object), { files });
    expect(where(findings).map((f) => [f[0], f[1], f[2]])).toEqual([
      [CAPSULE, 'unverifiableCapsuleAttribute', 23],
      [KEYS, 'libraryMutableValue', 23],
    ]);
    expect(findings[1].message).toMatch(/^OneTable schema: the schema object is read from a value that can change .* Declare the schema '\{ … \} as const satisfies OneSchema'/u);
  });

  it("reads a CommonJS module's schema declared with JavaScript's as const, and asks for it when missing", () => {
    const leaky = CONTRACT.replace("'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#CONTRACT#\${id}'", "'TENANT#\${tenantId}#CONTRACT#\${id}'");
    const commonJs = (wrap: (object: string) => string) =>
      schema(leaky, wrap).replace("import { Table } from 'dynamodb-onetable';", "const { Table } = require('dynamodb-onetable');").replace(/export const (\w+) =/gu, 'exports.$1 = $1;\nconst $1 =');
    const frozen = commonJs((object) => `/** @type {const} */ (${object})`);
    expect(where(checkBothModes(frozen, { files, fileName: 'schema.cjs' }))).toEqual([[KEYS, 'libraryMissingCapsuleSegment', 12, 34, "'TENANT#\${tenantId}#CONTRACT#\${id}'"]]);
    const findings = checkBothModes(commonJs((object) => object), { files, fileName: 'schema.cjs' });
    expect(where(findings).map((f) => [f[0], f[1], f[2]])).toEqual([
      [CAPSULE, 'unverifiableCapsuleAttribute', 25],
      [KEYS, 'libraryMutableValue', 25],
    ]);
    expect(findings[1].message).toContain("('Schema' is declared without '/** @type {const} */ (…)' or a readonly type, so its contents can change)");
    expect(findings[1].message).toMatch(/Declare the schema '\/\*\* @type \{const\} \*\/ \(\{ … \}\)', JavaScript's 'as const'\.$/u);
  });

  it("asks for 'as const satisfies OneSchema' when the schema is typed ': OneSchema', in the library's words", () => {
    const code = `import type { OneSchema } from 'dynamodb-onetable';
export const schema: OneSchema = {
  version: '0.0.1',
  indexes: { primary: { hash: 'pk' } },
  models: { Contract: { pk: { type: String, value: 'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#C#\${id}' }, tenantId: { type: String, required: true }, capsuleId: { type: String, required: true }, id: { type: String } } },
};
`;
    for (const typed of [false, true]) {
      const findings = checkCode(code, { typed, files });
      // Without type information the whole object is refused at its name; with it, the first property read.
      const at = typed ? [4, 12, "{ primary: { hash: 'pk' } }"] : [2, 34, code.slice(code.indexOf('{\n'), code.indexOf('};') + 1)];
      expect(where(findings)).toEqual([
        [CAPSULE, 'unverifiableCapsuleAttribute', ...at],
        [KEYS, 'libraryMutableValue', ...at],
      ]);
      const part = typed ? "schema's indexes object" : 'schema object';
      expect(findings[1].message).toMatch(new RegExp(`^OneTable schema: the ${part} is read from a value that can change \\(.+\\), so what is checked here need not be what is stored\\. Declare the schema '\\{ … \\} as const satisfies OneSchema' \\(not typed ': OneSchema', whose properties can be changed after they are checked\\)\\.$`));
      expect(findings[0].message).toContain(`the ${part} cannot be read statically`);
      expect(findings.map((finding) => finding.message).join('\n')).not.toMatch(/OneTable OneTable|decorator/);
    }
    const fixed = code.replace('export const schema: OneSchema = {', 'export const schema = {').replace('\n};\n', '\n} as const satisfies OneSchema;\n');
    expect(checkBothModes(fixed, { files })).toEqual([]);
  });

  it('reports a schema read from an import when there is no type information', () => {
    const code = "import { Table } from 'dynamodb-onetable';\nimport { Schema } from './schema';\nexport const table = new Table({ schema: Schema });\n";
    const findings = checkCode(code, { files: { ...files, 'schema.ts': `export const Schema = { version: '1', indexes: {}, models: {} } as const;\n` } });
    expect(where(findings).map((f) => [f[1], f[2], f[3]])).toEqual([
      ['unverifiableCapsuleAttribute', 3, 42],
      ['libraryNeedsTypeInformation', 3, 42],
    ]);
  });
});

describe('scope and capsule attribute', () => {
  it('accepts a platform-scoped model with a reason, and reports one without', () => {
    const tenant = `    // capsule-guard-platform-scoped -- the tenant registry is shared by all capsules
    Tenant: { pk: { type: String, value: 'TENANT#\${id}' }, id: { type: String, required: true } },`;
    expect(checkBothModes(schema(`${CONTRACT}\n${tenant}`), { files })).toEqual([]);
    const noReason = tenant.replace(' -- the tenant registry is shared by all capsules', '');
    const findings = checkBothModes(schema(`${CONTRACT}\n${noReason}`), { files });
    expect(where(findings).map((f) => [f[0], f[1], f[2], f[3], f[4]])).toEqual([
      [CAPSULE, 'missingCapsuleAttribute', 21, 5, 'Tenant'],
      [SCOPE, 'platformCommentWithoutReason', 21, 5, 'Tenant'],
      [KEYS, 'libraryMissingTenantSegment', 21, 42, "'TENANT#${id}'"],
      [KEYS, 'libraryMissingCapsuleSegment', 21, 42, "'TENANT#${id}'"],
    ]);
    expect(findings[0].message).toBe(
      "Capsule-isolated OneTable model 'Tenant' has no required 'capsuleId' attribute. Add capsuleId: { type: String, required: true } to its attributes; an entity shared by all capsules is marked with '// capsule-guard-platform-scoped -- <reason>' on the line before it.",
    );
  });

  it('reports an optional capsule attribute', () => {
    const code = schema(CONTRACT.replace('capsuleId: { type: String, required: true }', 'capsuleId: { type: String }'));
    expect(where(checkBothModes(code, { files }))).toEqual([[CAPSULE, 'missingCapsuleAttribute', 10, 5, 'Contract']]);
  });
});

describe('a schema held in a JSON file', () => {
  const model = (pk: string, extra = {}) => ({
    pk: { type: 'string', value: pk },
    sk: { type: 'string', value: '${_type}#${id}' },
    tenantId: { type: 'string', required: true },
    capsuleId: { type: 'string', required: true },
    id: { type: 'string', required: true },
    ...extra,
  });
  const json = (models: Record<string, unknown>) =>
    JSON.stringify({ version: '0.0.1', indexes: { primary: { hash: 'pk', sort: 'sk' }, gs1: { hash: 'gs1pk', sort: 'gs1sk' } }, models }, null, 2);
  const CLEAN = json({ Contract: model('TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}') });
  const LEAKY = json({
    Contract: model('TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}', { gs1pk: { type: 'string', value: 'CUSTOMER#${customerId}' } }),
    LineItem: model('TENANT#${tenantId}#LINE#${id}'),
  });
  /** The `schema` property is on line 3, column 45. */
  const USE = "import { Table } from 'dynamodb-onetable';\nimport schema from './schema.json';\nexport const table = new Table({ name: 't', schema });\n";
  const JSON_MODULES = { resolveJsonModule: true, esModuleInterop: true };
  const typed = (code: string, schemaJson: string, more: Record<string, string> = {}) =>
    checkCode(code, { typed: true, files: { ...files, 'schema.json': schemaJson, ...more }, compilerOptions: JSON_MODULES });

  it('reads the schema from the JSON file with type information, and accepts a clean one', () => {
    expect(typed(USE, CLEAN)).toEqual([]);
  });

  it('reports its models where the schema is used, naming the JSON file and the model', () => {
    const findings = typed(USE, LEAKY);
    expect(where(findings)).toEqual([
      [KEYS, 'libraryUnknownAttribute', 3, 45, 'schema'],
      [KEYS, 'libraryMissingTenantSegment', 3, 45, 'schema'],
      [KEYS, 'libraryMissingCapsuleSegment', 3, 45, 'schema'],
      [KEYS, 'libraryMissingCapsuleSegment', 3, 45, 'schema'],
    ]);
    expect(findings[0].message).toBe(
      "OneTable model 'Contract' in './schema.json': the 'gs1pk' value (index 'gs1') template 'CUSTOMER#${customerId}' uses '${customerId}', but there is no attribute 'customerId'. Use one of its attributes, e.g. '${pk}', '${sk}', '${tenantId}', '${capsuleId}', '${id}'.",
    );
    expect(findings[3].message).toBe(
      "Capsule-isolated OneTable model 'LineItem' in './schema.json': the 'pk' value (index 'primary') template 'TENANT#${tenantId}#LINE#${id}' has no 'CAPSULE#${capsuleId}' segment after the tenant segment, so its items leak across capsules. Write 'TENANT#${tenantId}#CAPSULE#${capsuleId}#LINE#${id}'.",
    );
    // The fix is in the JSON file, which an edit of this file cannot reach: none is offered.
    expect(findings.flatMap((finding) => finding.suggestions)).toEqual([]);
  });

  it('reads a JSON module imported with { type: "json" }, under another name and through as', () => {
    const code = USE.replace("import schema from './schema.json';", "import contracts from './schema.json' with { type: 'json' };").replace('schema });', 'schema: contracts as never });');
    const findings = typed(code, json({ Contract: model('CONTRACT#${id}') }), { 'package.json': '{ "type": "module" }' });
    expect(where(findings)).toEqual([
      [KEYS, 'libraryMissingTenantSegment', 3, 53, 'contracts as never'],
      [KEYS, 'libraryMissingCapsuleSegment', 3, 53, 'contracts as never'],
    ]);
    expect(findings[0].data.entity).toBe("OneTable model 'Contract' in './schema.json'");
  });

  it('reports a required capsule attribute missing from a JSON model, and value: true', () => {
    const findings = typed(USE, json({ Contract: { ...model('TENANT#${tenantId}#CAPSULE#${capsuleId}'), capsuleId: { type: 'string' }, sk: { type: 'string', value: true } } }));
    expect(where(findings).map((f) => [f[0], f[1], f[2], f[3]])).toEqual([
      [CAPSULE, 'missingCapsuleAttribute', 3, 45],
      [KEYS, 'libraryUnverifiable', 3, 45],
    ]);
  });

  it('fails closed without type information, saying it is needed', () => {
    const findings = checkCode(USE, { files: { ...files, 'schema.json': LEAKY } });
    expect(where(findings)).toEqual([
      [CAPSULE, 'unverifiableCapsuleAttribute', 3, 45, 'schema'],
      [KEYS, 'libraryNeedsTypeInformation', 3, 45, 'schema'],
    ]);
    expect(findings[1].message).toContain("'schema' is the default import of './schema.json', and resolving it across files needs type information");
  });

  it.each([
    ['a JSON file the program does not hold', USE.replace('./schema.json', './missing.json'), CLEAN],
    ['a JSON file that holds no object', USE, '[1, 2]'],
  ])('fails closed on %s', (_, code, schemaJson) => {
    const findings = typed(code, schemaJson);
    expect(where(findings).map((f) => [f[0], f[1], f[2], f[3]])).toEqual([
      [CAPSULE, 'unverifiableCapsuleAttribute', 3, 45],
      [KEYS, 'libraryUnverifiable', 3, 45],
    ]);
  });
});
