// @ts-check
/**
 * The files of the generated project written with a modelling library or a web framework: each
 * group of ten files holds one, its shape rotating among ElectroDB, OneTable and TypeDORM entities
 * and NestJS and tsoa controllers, so the library adapters and route readers run on a big project
 * as they would on a real one. Entities import the library directly in half the rounds of the
 * rotation and through the project's own barrel (src/shared/db.ts) in the other half; where they
 * import it directly, a key template ends with a const of the group's key module, as our
 * entities' templates are built from it. Controllers take their path from that module in the
 * barrel rounds. A leaky file plants exactly
 * one finding, written in the file itself and with the library imported directly, so that an
 * untyped front end (which follows neither a barrel nor another file's const) sees it too.
 */

/** @typedef {'electrodb' | 'onetable' | 'typedorm' | 'nestjs' | 'tsoa'} LibraryShape */
/** @typedef {{ name: string, text: string, keys: string, entities: number, routes: number }} LibraryFile
 *   name: the file's name in its group; keys: lines added to the group's key module */

/** @type {readonly LibraryShape[]} */
export const LIBRARY_SHAPES = ['electrodb', 'onetable', 'typedorm', 'nestjs', 'tsoa'];

/** Where the leaks rotate: our own decorator's entity (the group's orders), then each library shape. */
export const LEAK_SITES = /** @type {const} */ (['ours', ...LIBRARY_SHAPES]);

/** The project's own re-export of the modelling libraries, as real code keeps one place to pin them. */
export const LIBRARY_BARREL_FILE = 'src/shared/db.ts';

export function libraryBarrel() {
  return `/** The modelling libraries, re-exported for every module: one place to pin, wrap or replace them. */
export { Entity } from 'electrodb';
export { Table, type OneSchema } from 'dynamodb-onetable';
export { Entity as DocumentEntity, INDEX_TYPE } from '@typedorm/common';
`;
}

/**
 * The shape of group `g`'s library file: the rotation, unless the group is leaky and its leak is
 * planted in a library shape (leaks rotate on their own, or every `leakEvery`-th group, 25 being a
 * multiple of five, would always leak in the same shape).
 * @param {number} g the group's index
 * @param {typeof LEAK_SITES[number] | undefined} leakSite where the group's leak is, if it has one
 * @returns {LibraryShape}
 */
export function shapeOfGroup(g, leakSite) {
  return leakSite && leakSite !== 'ours' ? leakSite : LIBRARY_SHAPES[g % LIBRARY_SHAPES.length];
}

/**
 * @param {LibraryShape} shape
 * @param {{ n: string, g: number, leaky: boolean }} group
 *   n: the group's number as written in names; leaky: the file holds the group's one leak
 * @returns {LibraryFile}
 */
export function libraryFile(shape, { n, g, leaky }) {
  // Rounds of the rotation alternate: library imported directly and key consts from ./keys, or
  // through the barrel with the templates written in place. A leak is always in a direct round.
  const direct = leaky || Math.floor(g / LIBRARY_SHAPES.length) % 2 === 0;
  return WRITERS[shape]({ n, direct, leaky });
}

/** @typedef {{ n: string, direct: boolean, leaky: boolean }} Variant */

/** @type {Record<LibraryShape, (variant: Variant) => LibraryFile>} */
const WRITERS = { electrodb, onetable, typedorm, nestjs, tsoa };

/**
 * A value written in place, or held by a const of the group's key module.
 * @param {boolean} shared
 * @param {string} name
 * @param {string} value
 */
function sharedConst(shared, name, value) {
  return {
    name,
    use: shared ? name : `'${value}'`,
    keys: shared ? `export const ${name} = '${value}';\n` : '',
  };
}

/**
 * A key template: the scope in place, then its segment from the key module or in place. The key
 * module holds only the segment: it imports no library, and a literal there that begins with the
 * tenant in a library's placeholder syntax is read as one of our keys (isolated-key-literals).
 * @param {boolean} shared
 * @param {string} name
 * @param {string} scope
 * @param {string} segment
 */
function scopedKey(shared, name, scope, segment) {
  const value = sharedConst(shared, name, segment);
  return { ...value, use: shared ? `'${scope}' + ${name}` : `'${scope}${segment}'` };
}

/** @param {Variant} variant */
function electrodb({ n, direct, leaky }) {
  const byOrder = scopedKey(direct, `SHIPMENT_ORDER_SEGMENT_${n}`, 'TENANT#${tenantId}#CAPSULE#${capsuleId}', '#ORDER#${orderId}');
  // The leak: the GSI's partition is built from the tenant and the order, without the capsule.
  const byCarrierPk = leaky
    ? `{ field: 'gsi2pk', casing: 'none', composite: ['tenantId', 'carrierId'] }`
    : `{ field: 'gsi2pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'carrierId'] }`;
  const imports = direct ? `import { Entity } from 'electrodb';\nimport { ${byOrder.name} } from './keys';\n` : `import { Entity } from '../shared/db';\n`;
  const text = `${imports}
/** Shipments of module ${n}'s orders, one table for every entity. */
export const Shipment${n} = new Entity(
  {
    model: { entity: 'shipment${n}', version: '1', service: 'fulfilment' },
    attributes: {
      tenantId: { type: 'string', required: true },
      capsuleId: { type: 'string', required: true },
      shipmentId: { type: 'string', required: true },
      orderId: { type: 'string', required: true },
      carrierId: { type: 'string', required: true },
      status: { type: ['pending', 'shipped', 'delivered'] as const, required: true },
      shippedAt: { type: 'string' },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'shipmentId'] },
        sk: { field: 'sk', composite: [] },
      },
      byOrder: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', casing: 'none', composite: ['tenantId', 'capsuleId', 'orderId'], template: ${byOrder.use} },
        sk: { field: 'gsi1sk', composite: ['shipmentId'] },
      },
      byCarrier: {
        index: 'gsi2',
        pk: ${byCarrierPk},
        sk: { field: 'gsi2sk', composite: ['shippedAt', 'shipmentId'] },
      },
    },
  },
  { table: 'platform_data' },
);

// capsule-guard-platform-scoped -- carriers are reference data shared by every tenant
export const Carrier${n} = new Entity(
  {
    model: { entity: 'carrier${n}', version: '1', service: 'fulfilment' },
    attributes: {
      carrierId: { type: 'string', required: true },
      name: { type: 'string', required: true },
    },
    indexes: { byId: { pk: { field: 'pk', composite: ['carrierId'] }, sk: { field: 'sk', composite: [] } } },
  },
  { table: 'platform_data' },
);
`;
  return { name: 'shipments', text, keys: byOrder.keys, entities: 2, routes: 0 };
}

/** @param {Variant} variant */
function onetable({ n, direct, leaky }) {
  const pk = scopedKey(direct, `INVOICE_SEGMENT_${n}`, 'TENANT#${tenantId}#CAPSULE#${capsuleId}', '#INVOICE#${invoiceId}');
  // The leak: the GSI's partition key names the tenant and the customer, not the capsule.
  const gs1pk = leaky ? 'TENANT#${tenantId}#CUSTOMER#${customerId}' : 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CUSTOMER#${customerId}';
  const imports = direct
    ? `import { Table, type OneSchema } from 'dynamodb-onetable';\nimport { ${pk.name} } from './keys';\n`
    : `import { Table, type OneSchema } from '../shared/db';\n`;
  const text = `${imports}
/** Invoices of module ${n}: one OneTable schema, a capsule-isolated model and a platform-wide one. */
export const InvoiceSchema${n} = {
  version: '0.0.1',
  indexes: {
    primary: { hash: 'pk', sort: 'sk' },
    gs1: { hash: 'gs1pk', sort: 'gs1sk', project: 'all' },
  },
  models: {
    Invoice: {
      pk: { type: String, value: ${pk.use} },
      sk: { type: String, value: '\${_type}' },
      gs1pk: { type: String, value: '${gs1pk}' },
      gs1sk: { type: String, value: 'DUE#\${dueDate}#\${invoiceId}' },
      tenantId: { type: String, required: true },
      capsuleId: { type: String, required: true },
      invoiceId: { type: String, required: true },
      customerId: { type: String, required: true },
      dueDate: { type: String, required: true },
      amountMinor: { type: Number, required: true },
    },
    // capsule-guard-platform-scoped -- currencies are reference data shared by every tenant
    Currency: {
      pk: { type: String, value: 'PLATFORM#CURRENCY#\${code}' },
      sk: { type: String, value: '\${_type}' },
      code: { type: String, required: true },
      decimals: { type: Number, required: true },
    },
  },
  params: { isoDates: true, timestamps: true },
} as const satisfies OneSchema;

export const invoices${n} = new Table({ name: 'platform_data', schema: InvoiceSchema${n}, partial: true });
`;
  return { name: 'invoices', text, keys: pk.keys, entities: 2, routes: 0 };
}

/** @param {Variant} variant */
function typedorm({ n, direct, leaky }) {
  const pk = scopedKey(direct, `RETURN_SEGMENT_${n}`, 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}', '#RETURN#{{returnId}}');
  // The leak: the GSI's partition key begins with the capsule, the tenant segment dropped.
  const gsi1 = leaky ? 'CAPSULE#{{capsuleId}}#ORDER#{{orderId}}' : 'TENANT#{{tenantId}}#CAPSULE#{{capsuleId}}#ORDER#{{orderId}}';
  const [entity, imports, platform] = direct
    ? [
        'Entity',
        `import { platformScoped } from '@capsule-guard/core';\nimport { Entity, INDEX_TYPE } from '@typedorm/common';\nimport { ${pk.name} } from './keys';\n`,
        (/** @type {string} */ decorated) => `${decorated}\n@platformScoped({ reason: 'warehouses are shared infrastructure' })`,
      ]
    : [
        'DocumentEntity',
        `import { DocumentEntity, INDEX_TYPE } from '../shared/db';\n`,
        (/** @type {string} */ decorated) => `// capsule-guard-platform-scoped -- warehouses are shared infrastructure\n${decorated}`,
      ];
  const text = `${imports}
/** A return of one of module ${n}'s orders. */
@${entity}({
  name: 'return${n}',
  primaryKey: { partitionKey: ${pk.use}, sortKey: 'RETURN' },
  indexes: {
    GSI1: { partitionKey: '${gsi1}', sortKey: 'RETURN#{{returnId}}', type: INDEX_TYPE.GSI },
    LSI1: { sortKey: 'REASON#{{reason}}#{{returnId}}', type: INDEX_TYPE.LSI },
  },
})
export class Return${n} {
  tenantId!: string;
  capsuleId!: string;
  returnId!: string;
  orderId!: string;
  reason!: string;
}

${platform(`@${entity}({ name: 'warehouse${n}', primaryKey: { partitionKey: 'PLATFORM#WAREHOUSE#{{warehouseId}}', sortKey: 'WAREHOUSE' } })`)}
export class Warehouse${n} {
  warehouseId!: string;
  city!: string;
}
`;
  return { name: 'returns', text, keys: pk.keys, entities: 2, routes: 0 };
}

/**
 * The controllers' base path: from the group's key module in the barrel rounds (a controller
 * never imports the barrel), else written in place.
 * @param {Variant} variant
 * @param {string} name
 * @param {string} path
 */
const controllerPath = ({ direct }, name, path) => sharedConst(!direct, name, path);

/** @param {Variant} variant */
function nestjs(variant) {
  const { n, leaky } = variant;
  const base = controllerPath(variant, `PARCELS_ROUTE_${n}`, 'tenants/:tenantId/capsules/:capsuleId/parcels');
  // The leak: the line item's placeholder is bound by no @Param, so it arrives undefined.
  const lineParam = leaky ? '' : `\n    @Param('lineId') lineId: string,`;
  const lineValue = leaky ? 'undefined' : 'lineId';
  const text = `import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
${variant.direct ? '' : `import { ${base.name} } from './keys';\n`}
/** The path parameters of one parcel, read as one object. */
interface ParcelPath${n} {
  tenantId: string;
  capsuleId: string;
  parcelId: string;
}

class TrackingEvent${n}Dto {
  status!: string;
  at!: string;
}

@Controller(${base.use})
export class Parcels${n}Controller {
  /** GET …/parcels?status=shipped&limit=20 */
  @Get()
  search(
    @Param('tenantId') tenantId: string,
    @Param('capsuleId') capsuleId: string,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
  ) {
    return { tenantId, capsuleId, status, limit };
  }

  @Get(':parcelId')
  find(@Param() path: ParcelPath${n}) {
    return path;
  }

  @Get(':parcelId/lines/:lineId')
  line(
    @Param('tenantId') tenantId: string,
    @Param('capsuleId') capsuleId: string,
    @Param('parcelId') parcelId: string,${lineParam}
  ) {
    return { tenantId, capsuleId, parcelId, lineId: ${lineValue} };
  }

  @Post(':parcelId/events')
  track(@Param() path: ParcelPath${n}, @Body() event: TrackingEvent${n}Dto) {
    return { ...path, ...event };
  }
}
`;
  return { name: 'parcels.controller', text, keys: base.keys, entities: 0, routes: 4 };
}

/** @param {Variant} variant */
function tsoa(variant) {
  const { n, leaky } = variant;
  const base = controllerPath(variant, `REFUNDS_ROUTE_${n}`, 'tenants/{tenantId}/capsules/{capsuleId}/refunds');
  // The leak: the line's placeholder has no @Path parameter.
  const lineParam = leaky ? '' : ', @Path() lineId: string';
  const lineValue = leaky ? 'undefined' : 'lineId';
  const text = `import { Body, Controller, Get, Path, Post, Queries, Route } from 'tsoa';
${variant.direct ? '' : `import { ${base.name} } from './keys';\n`}
interface RefundSearch${n} {
  status?: string;
  customerId?: string;
}

interface RefundApproval${n} {
  approvedBy: string;
  note?: string;
}

@Route(${base.use})
export class Refunds${n}Controller extends Controller {
  /** GET …/refunds?status=open&customerId=c1 */
  @Get()
  public async search(@Path() tenantId: string, @Path() capsuleId: string, @Queries() filter: RefundSearch${n}): Promise<object> {
    return { tenantId, capsuleId, ...filter };
  }

  @Get('{refundId}')
  public async find(@Path() tenantId: string, @Path() capsuleId: string, @Path('refundId') id: string): Promise<object> {
    return { tenantId, capsuleId, id };
  }

  @Get('{refundId}/lines/{lineId}')
  public async line(@Path() tenantId: string, @Path() capsuleId: string, @Path() refundId: string${lineParam}): Promise<object> {
    return { tenantId, capsuleId, refundId, lineId: ${lineValue} };
  }

  @Post('{refundId}/approval')
  public async approve(@Path() tenantId: string, @Path() capsuleId: string, @Path() refundId: string, @Body() approval: RefundApproval${n}): Promise<void> {
    void [tenantId, capsuleId, refundId, approval];
  }
}
`;
  return { name: 'refunds-controller', text, keys: base.keys, entities: 0, routes: 4 };
}
