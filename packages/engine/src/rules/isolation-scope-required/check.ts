import { insertLineBefore, removeLines, suggestion } from '../../edits';
import type { DecoratorUse } from '../../decorators';
import type { ClassCheck, DecoratedClass } from '../check-targets';
import { decoratorUse, isWithin } from '../check-targets';
import type { messages } from '.';

/** Every @entity class chooses a scope; forgetting isolation must not be the quiet default. */
export const checkIsolationScope: ClassCheck<keyof typeof messages> = (target, report) => {
  if (!decoratorUse(target, 'entity')) return;
  const data = { className: target.className };
  // Which @entity's table and keys would hold is not ours to guess: every extra one is an error.
  const entities = target.decorators.filter((use) => use.name === 'entity');
  for (const extra of entities.slice(1)) report('duplicateEntity', data, extra.decorator.expression);
  const isolated = decoratorUse(target, 'capsuleIsolated');
  const platform = decoratorUse(target, 'platformScoped');
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
  const problem = platformReasonProblem(target, platform);
  if (problem) report(problem, data, target.nameNode);
};

/** What is wrong with a `@platformScoped` decorator's reason, if anything (also on a library's entity class). */
export function platformReasonProblem(
  target: Pick<DecoratedClass, 'ts' | 'evaluator'>,
  platform: DecoratorUse,
): 'missingReason' | 'unverifiableReason' | 'emptyReason' | undefined {
  const [options] = platform.call?.arguments ?? [];
  if (!options) return 'missingReason';
  const properties = target.evaluator.properties(options);
  if (!properties.ok) return 'unverifiableReason';
  const reason = properties.value.get('reason');
  if (!reason) return 'missingReason';
  // The reason is reviewed like code, so it must be written where the decision is made: a
  // literal in the decorator itself, not a const, an options object or a spread defined elsewhere.
  const { ts } = target;
  const literal = reason.value;
  if (!isWithin(literal, platform.decorator) || !(ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal))) {
    return 'unverifiableReason';
  }
  return literal.text.trim().length === 0 ? 'emptyReason' : undefined;
}
