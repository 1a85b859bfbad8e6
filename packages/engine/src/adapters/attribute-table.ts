import type * as ts from 'typescript';
import type { StaticProperty } from '../static-value';
import { isTrue, type AdapterContext, type AttributeLookup, type Attributes, type UnreadablePart } from './library-entity';

/**
 * The attributes of an ElectroDB entity or a OneTable model: an object of attribute definitions,
 * each `{ type, required: true, … }`. A definition that is not a readable object is an attribute
 * that is not required.
 */
export function readAttributes(
  context: AdapterContext,
  property: StaticProperty | undefined,
  subject: string,
  anchor: ts.Node,
  unreadable: UnreadablePart[],
): Attributes {
  const { evaluator, ts } = context;
  const definitions = property ? evaluator.properties(property) : undefined;
  if (definitions && !definitions.ok) {
    unreadable.push({ subject, problem: definitions, node: anchor });
    return unverifiableAttributes(`the ${subject} cannot be read statically (${definitions.reason})`);
  }
  const required = new Map<string, boolean>();
  for (const [name, definition] of definitions?.ok ? definitions.value : []) {
    const fields = evaluator.properties(definition);
    required.set(name, fields.ok && isTrue(ts, fields.value.get('required')?.value));
  }
  return attributeMap(required);
}

/** Attributes known by name, each required or not. */
export function attributeMap(required: ReadonlyMap<string, boolean>): Attributes {
  return {
    lookup: (name) => {
      const isRequired = required.get(name);
      return isRequired === undefined ? { kind: 'missing' } : { kind: 'found', required: isRequired };
    },
    names: () => [...required.keys()],
  };
}

/** Attributes that could not be read: whether one is declared cannot be told. */
export function unverifiableAttributes(reason: string): Attributes {
  const lookup: AttributeLookup = { kind: 'unverifiable', reason };
  return { lookup: () => lookup, names: () => [] };
}
