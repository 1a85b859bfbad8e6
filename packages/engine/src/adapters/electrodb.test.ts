import { describe, expect, it } from 'vitest';
import { applyEdits } from '../testing/apply-edits';
import { checkBothModes, where } from '../testing/both-modes';
import { checkCode } from '../testing/check-code';
import { LIBRARY_STUBS } from '../testing/library-stubs';
import { DEFAULT_OPTIONS } from '../options';

const SCOPE = 'capsule-guard/isolation-scope-required';
const CAPSULE = 'capsule-guard/capsule-id-required';
const KEYS = 'capsule-guard/isolated-key-templates';
const files = LIBRARY_STUBS;

const ATTRIBUTES = `  attributes: {
    tenantId: { type: 'string', required: true },
    capsuleId: { type: 'string', required: true },
    id: { type: 'string', required: true },
    customerId: { type: 'string' },
  },`;

/** A contract entity whose indexes are `indexes`; `new Entity` is on line 3, the indexes from line 10. */
const contract = (indexes: string, attributes = ATTRIBUTES, before = '') => `import { Entity } from 'electrodb';
${before}
export const Contract = new Entity({
  model: { entity: 'contract', version: '1', service: 'crm' },
${attributes}
  indexes: {
${indexes}
  },
}, { table: 'platform_data' });
`;

const CLEAN_INDEXES = `    byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'id'] }, sk: { field: 'sk', composite: [] } },
    byCustomer: {
      index: 'gsi1pk-gsi1sk-index',
      pk: { field: 'gsi1pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'customerId'], template: 'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#CUSTOMER#\${customerId}' },
      sk: { field: 'gsi1sk', composite: ['id'], template: 'CONTRACT#\${id}' },
    },`;

describe('ElectroDB entities', () => {
  it('accepts an isolated entity whose keys begin with the tenant and capsule', () => {
    expect(checkBothModes(contract(CLEAN_INDEXES), { files })).toEqual([]);
  });

  it('recognises Entity through an alias, a namespace import and a default-import namespace', () => {
    const leaky = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['id'] } },";
    for (const [imports, callee] of [
      ["import { Entity as ElectroEntity } from 'electrodb';", 'ElectroEntity'],
      ["import * as electro from 'electrodb';", 'electro.Entity'],
    ]) {
      const code = contract(leaky).replace("import { Entity } from 'electrodb';", imports).replace('new Entity(', `new ${callee}(`);
      expect(where(checkBothModes(code, { files })).map((f) => f[1])).toEqual(['compositeNotScoped']);
    }
  });

  it.each([
    ['as it is', 'const Model = Entity;'],
    ['in parentheses', 'const Model = (Entity);'],
    ['after a comment', 'const Model = /* the contract model */ Entity;'],
    ['with a type assertion', 'const Model = <typeof Entity>Entity;'],
    ['with an as-expression', 'const Model = Entity as typeof Entity;'],
  ])('recognises Entity renamed by a const of the file, %s, in both modes', (_, rename) => {
    const leaky = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['id'] } },";
    const code = contract(leaky, ATTRIBUTES, rename).replace('new Entity(', 'new Model(');
    expect(where(checkBothModes(code, { files }))).toEqual([[KEYS, 'compositeNotScoped', 12, 59, "['id']"]]);
  });

  it('does not follow renames in a cycle', () => {
    const leaky = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['id'] } },";
    const cycle = contract(leaky, ATTRIBUTES, '// @ts-ignore\nconst A: any = B;\nconst B: any = A;').replace('new Entity(', 'new A(');
    expect(checkBothModes(cycle, { files })).toEqual([]);
  });

  it('does not check a local class or another library that is also called Entity', () => {
    const leaky = "    byId: { pk: { field: 'pk', composite: ['id'] } },";
    const local = contract(leaky).replace("import { Entity } from 'electrodb';", 'class Entity { constructor(_: unknown, __?: unknown) {} }');
    const other = contract(leaky).replace("from 'electrodb'", "from 'typeorm'");
    expect(checkBothModes(local, { files })).toEqual([]);
    expect(checkBothModes(other, { files })).toEqual([]);
  });

  it.each([
    ['a destructuring require', "const { Entity } = require('electrodb');", 'Entity'],
    ['a renaming destructuring require', "const { Entity: Model } = require('electrodb');", 'Model'],
    ['a required namespace', "const electro = require('electrodb');", 'electro.Entity'],
    ['a member of a require', "const Model = require('electrodb').Entity;", 'Model'],
  ])('recognises Entity in a CommonJS module through %s, in both modes', (_, binding, callee) => {
    const leaky = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['id'] } },";
    const code = contract(leaky).replace("import { Entity } from 'electrodb';", binding).replace('export const Contract = new Entity(', `exports.Contract = new ${callee}(`);
    expect(where(checkBothModes(code, { files, fileName: 'contract.cjs' }))).toEqual([[KEYS, 'compositeNotScoped', 12, 59, "['id']"]]);
  });

  it('does not check an Entity required from another package or a local module in a CommonJS module', () => {
    const leaky = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['id'] } },";
    const other = contract(leaky).replace("import { Entity } from 'electrodb';", "const { Entity } = require('typeorm');").replace('export const', 'exports.Contract =').replace('Contract = new', 'new');
    expect(checkBothModes(other, { files, fileName: 'contract.cjs' })).toEqual([]);
  });

  it('follows a local barrel with type information', () => {
    const leaky = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['id'] } },";
    const code = contract(leaky).replace("from 'electrodb'", "from './model'");
    const barrels = { ...files, 'model.ts': "export { Entity } from 'electrodb';\n" };
    expect(where(checkCode(code, { typed: true, files: barrels }))).toEqual([[KEYS, 'compositeNotScoped', 12, 59, "['id']"]]);
    const star = { ...files, 'model.ts': "export * from 'electrodb';\n" };
    expect(where(checkCode(code, { typed: true, files: star })).map((f) => f[1])).toEqual(['compositeNotScoped']);
    // Without type information the barrel is not followed: the entity is reported as not checked.
    expect(where(checkCode(code, { files: barrels }))).toEqual([[SCOPE, 'libraryEntityNeedsTypeInformation', 3, 29, 'Entity']]);
  });
});

describe('compositeNotScoped', () => {
  it('reports a composite that does not begin with the tenant and capsule attributes, with the corrected list', () => {
    const indexes = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['id', 'tenantId'] } },";
    const code = contract(indexes);
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([[KEYS, 'compositeNotScoped', 12, 59, "['id', 'tenantId']"]]);
    expect(findings[0].message).toBe(
      "Capsule-isolated ElectroDB entity 'contract': the pk (access pattern 'byId') is composed of ['id', 'tenantId'], which does not begin with 'tenantId' then 'capsuleId', so its items leak across tenants. Write composite: ['tenantId', 'capsuleId', 'id'].",
    );
    const [fix] = findings[0].suggestions;
    expect(applyEdits(code, fix.edits)).toBe(code.replace("['id', 'tenantId']", "['tenantId', 'capsuleId', 'id']"));
  });

  it('says capsules leak when only the capsule attribute is missing, also on a GSI', () => {
    const indexes = `    byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId'] } },
    byCustomer: { index: 'gsi1', pk: { field: 'gsi1pk', casing: 'none', composite: ["tenantId", "customerId"] } },`;
    const findings = checkBothModes(contract(indexes), { files });
    expect(where(findings)).toEqual([[KEYS, 'compositeNotScoped', 13, 84, '["tenantId", "customerId"]']]);
    expect(findings[0].data).toMatchObject({ leak: 'capsules', keyName: "pk (access pattern 'byCustomer', index 'gsi1')" });
    expect(findings[0].suggestions[0].edits[0].text).toBe('["tenantId", "capsuleId", "customerId"]');
  });
});

describe('template keys', () => {
  it('reports a template without the capsule segment and suggests the corrected template in ElectroDB syntax', () => {
    const indexes = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'id'], template: 'TENANT#${tenantId}#CONTRACT#${id}' } },";
    const code = contract(indexes);
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([[KEYS, 'libraryMissingCapsuleSegment', 12, 89, "'TENANT#${tenantId}#CONTRACT#${id}'"]]);
    expect(findings[0].message).toBe(
      "Capsule-isolated ElectroDB entity 'contract': the pk (access pattern 'byId') template 'TENANT#${tenantId}#CONTRACT#${id}' has no 'CAPSULE#${capsuleId}' segment after the tenant segment, so its items leak across capsules. Write 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}'.",
    );
    expect(applyEdits(code, findings[0].suggestions[0].edits)).toContain("template: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}'");
  });

  it('reports a template without the tenant segment, and one whose scope is not at the start', () => {
    const indexes = `    byId: { pk: { field: 'pk', casing: 'none', composite: ['capsuleId', 'id'], template: 'CAPSULE#\${capsuleId}#\${id}' } },
    byCustomer: { index: 'gsi1', pk: { field: 'g', casing: 'none', template: 'C#\${customerId}#TENANT#\${tenantId}#CAPSULE#\${capsuleId}' } },`;
    const findings = checkBothModes(contract(indexes), { files });
    expect(where(findings).map((f) => [f[1], f[2]])).toEqual([
      ['libraryMissingTenantSegment', 12],
      ['libraryScopeNotAtStart', 13],
    ]);
    expect(findings[0].data.fixed).toBe('TENANT#${tenantId}#CAPSULE#${capsuleId}#${id}');
    expect(findings[1].data.fixed).toBe('TENANT#${tenantId}#CAPSULE#${capsuleId}#C#${customerId}');
  });

  it('accepts the scope further in when scopeAtStart is off', () => {
    const indexes = "    byId: { pk: { field: 'pk', casing: 'none', template: 'X#TENANT#${tenantId}#CAPSULE#${capsuleId}' } },";
    const options = { ...DEFAULT_OPTIONS, scopeAtStart: false };
    expect(checkBothModes(contract(indexes), { files, options })).toEqual([]);
  });

  it('reports a placeholder that names no attribute, in a pk and in an sk', () => {
    const indexes = `    byId: {
      pk: { field: 'pk', casing: 'none', template: 'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#\${orderId}' },
      sk: { field: 'sk', template: 'V#\${version}' },
    },`;
    const findings = checkBothModes(contract(indexes), { files });
    expect(where(findings)).toEqual([
      [KEYS, 'libraryUnknownAttribute', 13, 52, "'TENANT#${tenantId}#CAPSULE#${capsuleId}#${orderId}'"],
      [KEYS, 'libraryUnknownAttribute', 14, 36, "'V#${version}'"],
    ]);
    expect(findings[0].message).toBe(
      "ElectroDB entity 'contract': the pk (access pattern 'byId') template 'TENANT#${tenantId}#CAPSULE#${capsuleId}#${orderId}' uses '${orderId}', but there is no attribute 'orderId'. Use one of its attributes, e.g. '${tenantId}', '${capsuleId}', '${id}', '${customerId}'.",
    );
  });

  it('reports a malformed template', () => {
    const indexes = "    byId: { pk: { field: 'pk', casing: 'none', composite: [], template: 'TENANT#${tenantId' } },";
    const findings = checkBothModes(contract(indexes), { files });
    expect(where(findings)).toEqual([[KEYS, 'libraryMalformedTemplate', 12, 73, "'TENANT#${tenantId'"]]);
    expect(findings[0].data.problem).toBe("'${' at position 8 is never closed");
  });

  it('reports a composite attribute that is not declared', () => {
    const indexes = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'orderId'] } },";
    expect(where(checkBothModes(contract(indexes), { files }))).toEqual([
      [KEYS, 'libraryUnknownCompositeAttribute', 12, 59, "['tenantId', 'capsuleId', 'orderId']"],
    ]);
  });
});

describe('compositeTemplateMismatch', () => {
  const TEMPLATE = "template: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}'";
  const pk = (composite: string) => `    byId: { pk: { field: 'pk', casing: 'none', composite: ${composite}, ${TEMPLATE} } },`;
  const MATCHING = "['tenantId', 'capsuleId', 'id']";

  it('accepts a composite that lists the template attributes in order, and a template without composite', () => {
    expect(checkBothModes(contract(pk(MATCHING)), { files })).toEqual([]);
    const templateOnly = `    byId: { pk: { field: 'pk', casing: 'none', ${TEMPLATE} } },`;
    expect(checkBothModes(contract(templateOnly), { files })).toEqual([]);
    const repeated = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'id', 'id'], template: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#${id}#${id}' } },";
    expect(checkBothModes(contract(repeated), { files })).toEqual([]);
    const constant = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId'] }, sk: { field: 'sk', composite: [], template: 'CONTRACT' } },";
    expect(checkBothModes(contract(constant), { files })).toEqual([]);
  });

  it.each([
    ['in another order', "['capsuleId', 'tenantId', 'id']", 59],
    ['missing an attribute', "['tenantId', 'capsuleId']", 59],
    ['with an extra attribute', "['tenantId', 'capsuleId', 'id', 'customerId']", 59],
    ['empty', '[]', 59],
  ])('reports a composite %s at the composite list, in ElectroDB terms, with the list to write', (_, composite, column) => {
    const code = contract(pk(composite));
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([[KEYS, 'compositeTemplateMismatch', 12, column, composite]]);
    const written = composite === '[]' ? '' : composite.slice(1, -1);
    expect(findings[0].message).toBe(
      `ElectroDB entity 'contract': the pk (access pattern 'byId') has composite [${written}], but its template 'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#CONTRACT#\${id}' uses the attributes ['tenantId', 'capsuleId', 'id']. ` +
        "ElectroDB requires the composite to list exactly the template's attributes in the same order, and otherwise throws \"Incompatible PK 'template' and 'composite' properties\" when the entity is created. " +
        "Write composite: ['tenantId', 'capsuleId', 'id'], or remove composite: ElectroDB reads it from the template.",
    );
    expect(applyEdits(code, findings[0].suggestions[0].edits)).toContain(`composite: ${MATCHING}, ${TEMPLATE}`);
  });

  it('reports a repeated placeholder the composite lists once, and an sk, keeping the quotes of the list', () => {
    const indexes = `    byId: {
      pk: { field: 'pk', casing: 'none', composite: ["tenantId", "capsuleId"], template: 'TENANT#\${tenantId}#CAPSULE#\${capsuleId}#\${tenantId}' },
      sk: { field: 'sk', composite: ["id"], template: 'CONTRACT#\${customerId}' },
    },`;
    const code = contract(indexes);
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([
      [KEYS, 'compositeTemplateMismatch', 13, 53, '["tenantId", "capsuleId"]'],
      [KEYS, 'compositeTemplateMismatch', 14, 37, '["id"]'],
    ]);
    expect(findings[0].data.fixed).toBe('"tenantId", "capsuleId", "tenantId"');
    expect(findings[1].data).toMatchObject({ keyName: "sk (access pattern 'byId')", keyKind: 'SK', fixed: '"customerId"' });
    expect(applyEdits(code, findings[1].suggestions[0].edits)).toContain(`composite: ["customerId"], template`);
  });

  it('reports a GSI composite beside its template, besides the missing capsule segment', () => {
    const indexes = `    byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'id'] } },
    byCustomer: { index: 'gsi1', pk: { field: 'g', casing: 'none', composite: ['tenantId', 'capsuleId', 'customerId'], template: 'TENANT#\${tenantId}#CUSTOMER#\${customerId}' } },`;
    const findings = checkBothModes(contract(indexes), { files });
    expect(where(findings).map((f) => [f[1], f[2], f[3]])).toEqual([
      ['compositeTemplateMismatch', 13, 79],
      ['libraryMissingCapsuleSegment', 13, 130],
    ]);
    expect(findings[0].data.keyName).toBe("pk (access pattern 'byCustomer', index 'gsi1')");
  });

  it('fails closed on a composite beside a template that cannot be read, and reads a const list', () => {
    const mutable = contract(pk('COMPOSITE'), ATTRIBUTES, "const COMPOSITE = ['tenantId', 'capsuleId', 'id'];");
    expect(where(checkBothModes(mutable, { files })).map((f) => [f[1], f[2], f[4]])).toEqual([['libraryMutableValue', 12, 'COMPOSITE']]);
    const frozen = contract(pk('COMPOSITE'), ATTRIBUTES, "const COMPOSITE = ['capsuleId', 'tenantId', 'id'] as const;");
    const findings = checkBothModes(frozen, { files });
    // The list is defined elsewhere in the file: reported where the access pattern uses it, with no edit.
    expect(where(findings)).toEqual([[KEYS, 'compositeTemplateMismatch', 12, 59, 'COMPOSITE']]);
    expect(findings[0].suggestions).toEqual([]);
  });
});

describe('lowercasedKey', () => {
  it('reports a key holding the tenant or capsule that ElectroDB lowercases, and adds casing: none', () => {
    const indexes = "    byId: { pk: { field: 'pk', composite: ['tenantId', 'capsuleId', 'id'] } },";
    const code = contract(indexes);
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([[KEYS, 'lowercasedKey', 12, 43, "['tenantId', 'capsuleId', 'id']"]]);
    expect(findings[0].message).toContain("holds 'tenantId' and 'capsuleId', but ElectroDB lowercases keys");
    expect(applyEdits(code, findings[0].suggestions[0].edits)).toContain("casing: 'none'");
  });

  it('reports casing: lower or upper, and no key without a scope attribute', () => {
    const indexes = `    byId: { pk: { field: 'pk', casing: 'upper', composite: ['tenantId', 'capsuleId'] }, sk: { field: 'sk', composite: ['tenantId'] } },`;
    const code = contract(indexes);
    const findings = checkBothModes(code, { files });
    expect(where(findings)).toEqual([[KEYS, 'lowercasedKey', 12, 60, "['tenantId', 'capsuleId']"]]);
    expect(findings[0].message).toBe(
      "Capsule-isolated ElectroDB entity 'contract': the pk (access pattern 'byId') holds 'tenantId' and 'capsuleId', but casing: 'upper' makes ElectroDB uppercase it, so tenants or capsules whose ids differ only in case ('Acme' and 'acme') share a partition. Set casing: 'none' on this key.",
    );
    expect(findings[0].suggestions.map((s) => s.description)).toEqual(["Change casing to 'none'"]);
    const fixed = applyEdits(code, findings[0].suggestions[0].edits);
    expect(fixed).toContain("pk: { field: 'pk', casing: 'none', composite");
    expect(checkBothModes(fixed, { files })).toEqual([]);
    const lower = checkBothModes(contract(indexes.replace("'upper'", "'lower'")), { files });
    expect(lower[0].message).toContain("but casing: 'lower' makes ElectroDB lowercase it, so");
  });

  it('reports a casing it cannot read, without a suggestion', () => {
    const indexes = "    byId: { pk: { field: 'pk', casing: CASING, composite: ['tenantId', 'capsuleId', 'id'] } },";
    const findings = checkBothModes(contract(indexes, ATTRIBUTES, "declare let CASING: 'none' | 'upper';"), { files });
    expect(where(findings)).toEqual([[KEYS, 'lowercasedKey', 12, 59, "['tenantId', 'capsuleId', 'id']"]]);
    expect(findings[0].message).toContain("but its casing cannot be read statically, and ElectroDB changes the case of a key unless casing is 'none', so");
    expect(findings[0].suggestions).toEqual([]);
  });

  it('gives a template of bare tenant and capsule placeholders their prefixes', () => {
    const indexes = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'id'], template: '${tenantId}#${capsuleId}#${id}' } },";
    const findings = checkBothModes(contract(indexes), { files });
    expect(where(findings).map((f) => f[1])).toEqual(['libraryMissingTenantSegment', 'libraryMissingCapsuleSegment']);
    expect(findings[0].message).toContain("Write 'TENANT#${tenantId}#CAPSULE#${capsuleId}#${id}'.");
  });
});

describe('fail closed', () => {
  it('reports a template that is not static and a composite built at run time', () => {
    const indexes = `    byId: { pk: { field: 'pk', casing: 'none', composite: [], template: makeTemplate() } },
    byCustomer: { index: 'gsi1', pk: { field: 'g', casing: 'none', composite: names } },`;
    const code = contract(indexes, ATTRIBUTES, 'declare function makeTemplate(): string;\ndeclare let names: string[];');
    const findings = checkBothModes(code, { files });
    expect(where(findings).map((f) => [f[1], f[4]])).toEqual([
      ['libraryUnverifiable', 'makeTemplate()'],
      ['libraryUnverifiable', 'names'],
    ]);
    expect(findings[0].message).toContain("ElectroDB entity 'contract': the pk (access pattern 'byId') template cannot be resolved statically ('makeTemplate()' is a function call");
  });

  it('reports a spread it cannot read and a template held in a let', () => {
    const spread = contract('    ...extraIndexes,', ATTRIBUTES, 'declare const extraIndexes: Record<string, never>;');
    expect(where(checkBothModes(spread, { files })).map((f) => [f[1], f[4]])).toEqual([['libraryUnverifiable', '{\n    ...extraIndexes,\n  }']]);
    const indexes = "    byId: { pk: { field: 'pk', casing: 'none', composite: [], template: TEMPLATE } },";
    const mutable = contract(indexes, ATTRIBUTES, "let TEMPLATE = 'TENANT#${tenantId}#CAPSULE#${capsuleId}';");
    const findings = checkBothModes(mutable, { files });
    // The let's own text is a scoped template in ElectroDB's syntax; what cannot be trusted is that it stays so.
    expect(where(findings).map((f) => [f[0], f[1], f[4]])).toEqual([[KEYS, 'libraryUnverifiable', 'TEMPLATE']]);
  });

  it('reports a schema that is not a static object, and asks for as const on a mutable one', () => {
    const dynamic = "import { Entity } from 'electrodb';\ndeclare const schema: any;\nexport const E = new Entity(schema);\n";
    expect(where(checkBothModes(dynamic, { files })).map((f) => [f[0], f[1]])).toEqual([
      [CAPSULE, 'unverifiableCapsuleAttribute'],
      [KEYS, 'libraryUnverifiable'],
    ]);
    const mutable = `import { Entity } from 'electrodb';
const indexes = { byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId'] } } };
export const E = new Entity({ model: { entity: 'e', version: '1', service: 's' }, attributes: { tenantId: { type: 'string', required: true }, capsuleId: { type: 'string', required: true } }, indexes });
`;
    expect(where(checkBothModes(mutable, { files })).map((f) => f[1])).toEqual(['libraryMutableValue']);
  });
});

describe('a template required from a CommonJS module', () => {
  it('fails closed, saying why in each mode', () => {
    const indexes = "    byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'id'], template: PK } },";
    const code = contract(indexes, ATTRIBUTES, "const { PK } = require('./keys.cjs');")
      .replace("import { Entity } from 'electrodb';", "const { Entity } = require('electrodb');")
      .replace('export const Contract = new', 'exports.Contract = new');
    const keys = { ...files, 'keys.cjs': "exports.PK = 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CONTRACT#${id}';\n" };
    for (const [typed, reason] of [
      [true, "'PK' is a property of a CommonJS module's exports, which can be assigned again, not a const"],
      [false, "'PK' comes from a destructuring pattern"],
    ] as const) {
      const findings = checkCode(code, { typed, files: keys, fileName: 'contract.cjs' });
      expect(where(findings)).toEqual([[KEYS, 'libraryUnverifiable', 12, 102, 'PK']]);
      expect(findings[0].message).toContain(`template cannot be resolved statically (${reason})`);
    }
  });
});

describe('scope and capsule attribute', () => {
  it('accepts a platform-scoped entity without a capsule attribute and leaves its keys unscoped', () => {
    const code = contract(
      "    byId: { pk: { field: 'pk', composite: ['id'] } },",
      "  attributes: { id: { type: 'string', required: true } },",
      '// capsule-guard-platform-scoped -- the tenant registry is shared by all capsules',
    );
    expect(checkBothModes(code, { files })).toEqual([]);
  });

  it('reports an opt-out without a reason on the entity name and keeps the entity isolated', () => {
    for (const comment of ['// capsule-guard-platform-scoped', '// capsule-guard-platform-scoped --   ', '// capsule-guard-platform-scoped shared']) {
      const code = contract("    byId: { pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'id'] } },", ATTRIBUTES, comment);
      const findings = checkBothModes(code, { files });
      expect(where(findings)).toEqual([[SCOPE, 'platformCommentWithoutReason', 4, 20, "'contract'"]]);
      expect(findings[0].message).toBe(
        "ElectroDB entity 'contract' is marked '// capsule-guard-platform-scoped' without a reason, so it stays capsule-isolated. Write '// capsule-guard-platform-scoped -- <why every capsule may share this data>' on the line before it, or remove the comment.",
      );
    }
  });

  it('reads the opt-out above other comments of the definition, a JSDoc or a directive', () => {
    for (const between of ['/** The tenant registry. */', '/**\n * The tenant registry.\n */', '// eslint-disable-next-line @typescript-eslint/naming-convention']) {
      const code = contract(
        "    byId: { pk: { field: 'pk', composite: ['id'] } },",
        "  attributes: { id: { type: 'string', required: true } },",
        `// capsule-guard-platform-scoped -- the tenant registry is shared by all capsules\n${between}`,
      );
      expect(checkBothModes(code, { files })).toEqual([]);
    }
    const apart = contract(
      "    byId: { pk: { field: 'pk', composite: ['id'] } },",
      "  attributes: { id: { type: 'string', required: true } },",
      '// capsule-guard-platform-scoped -- shared\n\n/** The tenant registry. */',
    );
    expect(where(checkBothModes(apart, { files })).map((f) => f[1])).toEqual(['missingCapsuleAttribute', 'compositeNotScoped']);
  });

  it('reads the opt-out only on the line right before the definition', () => {
    const code = contract(
      "    byId: { pk: { field: 'pk', casing: 'none', composite: ['id'] } },",
      "  attributes: { id: { type: 'string', required: true } },",
      '// capsule-guard-platform-scoped -- shared\n',
    );
    expect(where(checkBothModes(code, { files })).map((f) => f[1])).toEqual(['missingCapsuleAttribute', 'compositeNotScoped']);
  });

  it('reports a missing or optional capsule attribute on the entity name', () => {
    const optional = ATTRIBUTES.replace("capsuleId: { type: 'string', required: true }", "capsuleId: { type: 'string', required: false }");
    const findings = checkBothModes(contract(CLEAN_INDEXES, optional), { files });
    expect(where(findings)).toEqual([[CAPSULE, 'missingCapsuleAttribute', 4, 20, "'contract'"]]);
    expect(findings[0].data.detail).toBe(" ('capsuleId' is declared, but not with required: true)");
    const missing = ATTRIBUTES.replace("    capsuleId: { type: 'string', required: true },\n", '');
    const findingsMissing = checkBothModes(contract(CLEAN_INDEXES, missing), { files });
    expect(where(findingsMissing).map((f) => f[1])).toEqual([
      // The GSI's template is checked; its composite list is ElectroDB's to match against the template.
      'missingCapsuleAttribute', 'libraryUnknownCompositeAttribute', 'libraryUnknownAttribute',
    ]);
    expect(findingsMissing[0].message).toBe(
      "Capsule-isolated ElectroDB entity 'contract' has no required 'capsuleId' attribute. Add capsuleId: { type: 'string', required: true } to its attributes; an entity shared by all capsules is marked with '// capsule-guard-platform-scoped -- <reason>' on the line before it.",
    );
  });

  it('reports an entity without indexes', () => {
    const code = "import { Entity } from 'electrodb';\nexport const E = new Entity({ model: { entity: 'e', version: '1', service: 's' }, attributes: { capsuleId: { type: 'string', required: true } } });\n";
    expect(where(checkBothModes(code, { files }))).toEqual([[KEYS, 'libraryMissingKey', 2, 22, 'Entity']]);
  });
});

describe('keys written by hand', () => {
  it('does not report the templates of an entity declaration as keys written by hand', () => {
    const indexes = "    byId: { pk: { field: 'pk', casing: 'none', template: 'TENANT#${tenantId}#X#${id}' } },";
    const rules = checkBothModes(contract(indexes), { files }).map((finding) => finding.ruleId);
    expect(rules).toEqual([KEYS]);
  });
});
