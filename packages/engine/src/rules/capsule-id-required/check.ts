import type { ClassCheck, DecoratedClass, Report } from '../check-targets';
import { decoratorUse } from '../check-targets';
import type { messages } from '.';

/** A capsule-isolated class must carry the capsule id its keys are built from. */
export const checkCapsuleId: ClassCheck<keyof typeof messages> = (target, report) => {
  if (decoratorUse(target, 'capsuleIsolated')) reportCapsuleId(target, report);
};

/** Reports an isolated class (also a library's entity class, isolated by default) without a usable capsule field. */
export function reportCapsuleId(
  target: Pick<DecoratedClass, 'options' | 'fields' | 'declaration' | 'className' | 'nameNode'>,
  report: Report<keyof typeof messages>,
): void {
  const capsuleField = target.options.capsuleField;
  if (target.fields.hasUsableKeyPath(target.declaration, capsuleField)) return;
  const paths = target.fields.keyPaths(target.declaration, capsuleField);
  const data = { className: target.className, capsuleField };
  if (paths.unverifiable !== undefined) {
    const messageId = paths.unverified ? 'unverifiableCapsuleIdType' : 'unverifiableCapsuleId';
    return report(messageId, { ...data, reason: paths.unverifiable }, target.nameNode);
  }
  const detail = paths.rejected.length > 0 ? ` (${paths.rejected.join('; ')})` : '';
  report('missingCapsuleId', { ...data, detail }, target.nameNode);
}
