import type { ClassCheck } from './check-context';
import { decoratorUse } from './check-context';

/** Every @entity class chooses a scope; forgetting isolation must not be the quiet default. */
export const checkIsolationScope: ClassCheck<'isolation-scope-required'> = (target, report) => {
  if (!decoratorUse(target, 'entity')) return;
  const data = { className: target.className };
  // Which @entity's table and keys would hold is not ours to guess: every extra one is an error.
  const entities = target.decorators.filter((use) => use.name === 'entity');
  for (const extra of entities.slice(1)) report('duplicateEntity', data, extra.decorator.expression);
  const isolated = decoratorUse(target, 'capsuleIsolated');
  const platform = decoratorUse(target, 'platformScoped');
  if (!isolated && !platform) return report('missingScope', data, target.nameNode);
  if (isolated && platform) return report('conflictingScope', data, target.nameNode);
  if (!platform) return;

  const [options] = platform.call?.arguments ?? [];
  if (!options) return report('missingReason', data, target.nameNode);
  const properties = target.evaluator.properties(options);
  if (!properties.ok) return report('unverifiableReason', data, target.nameNode);
  const reasonExpression = properties.value.get('reason');
  if (!reasonExpression) return report('missingReason', data, target.nameNode);
  // The reason is reviewed like code, so it must be written where the decision is made: a
  // literal, not a const defined elsewhere or a computed string.
  const { ts } = target;
  if (!ts.isStringLiteral(reasonExpression) && !ts.isNoSubstitutionTemplateLiteral(reasonExpression)) {
    return report('unverifiableReason', data, target.nameNode);
  }
  if (reasonExpression.text.trim().length === 0) report('emptyReason', data, target.nameNode);
};
