import { insertLineBefore, removeLines, suggestion } from '../edits';
import type { ClassCheck } from './check-context';
import { decoratorUse } from './check-context';

/** Every @entity class chooses a scope; forgetting isolation must not be the quiet default. */
export const checkIsolationScope: ClassCheck<'isolation-scope-required'> = (target, report) => {
  if (!decoratorUse(target, 'entity')) return;
  const isolated = decoratorUse(target, 'capsuleIsolated');
  const platform = decoratorUse(target, 'platformScoped');
  const data = { className: target.className };
  const text = target.sourceFile.text;
  if (!isolated && !platform) {
    // Isolation is the safe default, so it is what the suggestion adds.
    const access = target.accessTo('capsuleIsolated');
    const first = target.decorators[0].decorator;
    const add = access ? insertLineBefore(text, first.getStart(target.sourceFile), `@${access}`) : undefined;
    return report('missingScope', data, target.nameNode, suggestion(`Add @${access ?? 'capsuleIsolated'}`, [add]));
  }
  if (isolated && platform) {
    const remove = removeLines(text, platform.decorator.getStart(target.sourceFile), platform.decorator.end);
    return report('conflictingScope', data, target.nameNode, suggestion('Remove @platformScoped', [remove]));
  }
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
