import type { LibraryTarget } from '../adapters/library-checks';
import type { CapsuleGuardOptions } from '../options';
import type { RouteFile } from '../routes/route-file';
import type { CheckedFile, DecoratedClass, DecoratedMethod, Report } from './check-targets';

/** Every rule can fail internally; the failure is reported, never thrown at the host tool. */
const INTERNAL_ERROR: { readonly internalError: string } = {
  internalError:
    "capsule-guard could not finish checking '{{fileName}}' for {{ruleId}} ({{error}}). The file was not verified; please report this with the file's code.",
};

/** An option of the tsconfig plugin entry / ESLint settings, by name. */
export type OptionName = keyof CapsuleGuardOptions;

/**
 * What a rule checks, and so what its check receives. The engine builds each target once per
 * file and hands it to every rule checking that kind of target.
 */
export type RuleCheck<MessageId extends string> =
  /** Every class carrying one of our decorators. */
  | { readonly on: 'class'; readonly run: (target: DecoratedClass, report: Report<MessageId>) => void }
  /** Every method carrying one of our decorators. */
  | { readonly on: 'method'; readonly run: (target: DecoratedMethod, report: Report<MessageId>) => void }
  /**
   * Every file whose text `mayApply` accepts, whether or not it imports a decorator of ours.
   * `mayApply` is a cheap pre-filter on the text, so files it rejects are neither parsed nor walked.
   */
  | {
      readonly on: 'file';
      readonly mayApply: (text: string, options: CapsuleGuardOptions) => boolean;
      readonly run: (file: CheckedFile, report: Report<MessageId>) => void;
    }
  /** The capsule-guard-ignore comments, reported while they are applied to the other rules' findings. */
  | { readonly on: 'ignore-comments' };

/** A rule as written in its folder: `rules/<name>/index.ts`. */
export interface RuleDefinition<Name extends string, MessageId extends string> {
  /** The rule id without the `capsule-guard/` prefix. Public: never rename it. */
  readonly name: Name;
  /** The TypeScript diagnostic code (`TS990003`) tsc, tspc and the editor report. Public: never change it. */
  readonly code: number;
  /** What the rule requires, in one sentence: ESLint's and SARIF's description, and the doc page's header. */
  readonly description: string;
  /** Message templates by message id; `{{name}}` placeholders are filled from a finding's data, as ESLint does. */
  readonly messages: Readonly<Record<MessageId, string>>;
  /** The options the check reads, besides `decoratorModules`, which tells every rule where our decorators come from. */
  readonly options: readonly OptionName[];
  /** Whether some finding offers a fix the user may apply (never automatic). */
  readonly suggestions: boolean;
  readonly check: RuleCheck<MessageId>;
  /**
   * The same rule for each entity declared with a modelling library (ElectroDB, OneTable,
   * TypeDORM), in the library's terms: for the entity rules only.
   */
  readonly libraryCheck?: (target: LibraryTarget, report: Report<MessageId>) => void;
  /** The same rule for the routes of a file declared with a web framework (NestJS, tsoa, Fastify): for the route rule only. */
  readonly frameworkCheck?: (file: RouteFile, report: Report<MessageId>) => void;
}

/** A rule as the engine and every front end see it: its messages include `internalError`. */
export type RuleModule<Name extends string = string, MessageId extends string = string> = RuleDefinition<Name, MessageId | 'internalError'>;

/** Completes a rule's definition with what every rule shares. */
export function defineRule<const Name extends string, MessageId extends string>(
  definition: RuleDefinition<Name, MessageId>,
): RuleModule<Name, MessageId> {
  return { ...definition, messages: { ...INTERNAL_ERROR, ...definition.messages } };
}

/**
 * The list of rules, keyed by name: the key must be the rule's own name, so a rule cannot be
 * listed under another id, and every entry must be a complete rule.
 */
export function ruleList<const List extends { readonly [Name in keyof List]: RuleModule & { readonly name: Name } }>(list: List): List {
  return list;
}
