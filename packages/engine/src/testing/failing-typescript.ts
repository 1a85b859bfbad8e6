import type { TS } from '../finding';
import { ruleId, type RuleName } from '../catalog';

/**
 * A real internal failure for front-end tests: the TypeScript module with one export that throws
 * when called. The engine calls `isParameterPropertyDeclaration` only while it collects the fields
 * of a class with constructor parameters, so with FAILING_ENTITY a check really fails half-way,
 * however the front end reaches the engine; the compiler itself never calls it through this object.
 */
export function typeScriptFailingAt(ts: TS, name: keyof TS = 'isParameterPropertyDeclaration'): TS {
  const failing = Object.create(ts) as TS;
  Object.defineProperty(failing, name, {
    value: () => {
      throw new TypeError(`${name} failed`);
    },
  });
  return failing;
}

/** An entity whose fields are parameter properties: checking it calls `isParameterPropertyDeclaration`. */
export const FAILING_ENTITY = `import { capsuleIsolated, entity } from '@capsule-guard/core';

@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' })
@capsuleIsolated
export class OrderEntity {
  constructor(readonly tenantId: string, readonly capsuleId: string, readonly id: string) {}
}
`;

export interface ExpectedFinding {
  readonly rule: RuleName;
  readonly ruleId: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** What every front end reports for FAILING_ENTITY in `fileName`: an internal error of each rule that failed, at the class name. */
export function failingEntityFindings(fileName: string): ExpectedFinding[] {
  return (['capsule-id-required', 'isolated-key-templates'] as const).map((rule) => ({
    rule,
    ruleId: ruleId(rule),
    line: 5,
    column: 14,
    message: `capsule-guard could not finish checking '${fileName}' for ${ruleId(rule)} (isParameterPropertyDeclaration failed). The file was not verified; please report this with the file's code.`,
  }));
}
