/**
 * Type-level checks of an `@entity`'s key templates, against the instance type of the decorated
 * class: every placeholder names a field, templates are well-formed, and — for entities whose
 * instances carry a capsule id — every partition key holds `TENANT#{tenantId}` and then
 * `CAPSULE#{capsuleId}` as whole segments.
 *
 * Only templates whose type is a string literal are checked. A template typed `string` (built by
 * a function or a `+` concatenation) is accepted here and left to the engine, which fails closed.
 * Every type is tail-recursive over one template, so real templates stay far from the compiler's
 * instantiation depth limit.
 */
import type { EntityOptions, GsiKeyTemplates } from '../decorators';
import type { MissingField, UsablePaths } from './fields';
import type { UnknownOption } from './options';
import type { CapsuleField, CapsulePrefix, Delimiter, IsolationByCapsuleId, TenantField, TenantPrefix } from './settings';
import type { Failures, FirstProblem, IsKnownString, RuleMessage, SuppressedHint } from './verdict';

/** A widened template is left to the engine, which reads through `as string` and honours the comment. */
type TemplateRemedy = "write the template 'as string': the engine still checks it";

type Message<Sentence extends string, SeenAlso extends string = ''> = RuleMessage<
  'isolated-key-templates',
  `${Sentence}${SuppressedHint<TemplateRemedy, SeenAlso>}`
>;

/** The segment rule applies by capsule id (see EntityProblem), so a platform-scoped entity may meet it. */
type IsolationMessage<Sentence extends string> = Message<Sentence, ' or the entity is @platformScoped'>;

/** What is wrong with a placeholder's text, e.g. '{a.b.c}'; never when it is a field path. */
type PathSyntaxProblem<Name extends string> = Name extends ''
  ? `'{}' is an empty placeholder; name a field, e.g. '{id}'`
  : Name extends `${string}.${string}.${string}`
    ? `'{${Name}}' nests more than one level; at most one is allowed, e.g. '{context.capsuleId}'`
    : Name extends `.${string}` | `${string}.`
      ? `'{${Name}}' has an empty field name`
      : never;

/** The first syntax problem of a template, scanning placeholder by placeholder. */
type SyntaxProblem<Rest extends string> = Rest extends `${infer Text}{${infer Tail}`
  ? Text extends `${string}}${string}`
    ? `a '}' closes no placeholder`
    : Text extends `${string}$`
      ? `'\${' is JavaScript interpolation syntax; key placeholders are written without '$', e.g. '{id}'`
      : Tail extends `{${string}`
        ? `'{{' uses double braces; a placeholder takes single braces, e.g. '{id}'`
        : Tail extends `${infer Name}}${infer After}`
          ? Name extends `${string}{${string}`
            ? `a '{' opens inside another placeholder; placeholders do not nest`
            : [PathSyntaxProblem<Name>] extends [never]
              ? SyntaxProblem<After>
              : PathSyntaxProblem<Name>
          : `a '{' is never closed`
  : Rest extends `${string}}${string}`
    ? `a '}' closes no placeholder`
    : never;

/** The first placeholder, in template order, that names no field of `I`. */
type UnknownPlaceholder<Rest extends string, I> = Rest extends `${string}{${infer Name}}${infer After}`
  ? [MissingField<I, Name>] extends [never]
    ? UnknownPlaceholder<After, I>
    : [Name, MissingField<I, Name>]
  : never;

/** A template split into its delimiter-separated segments. */
type Segments<S extends string, D extends string, Done extends string[] = []> = S extends `${infer Head}${D}${infer Tail}`
  ? Segments<Tail, D, [...Done, Head]>
  : [...Done, S];

/**
 * The segments after the first `<Prefix>` segment that is followed by a segment consisting of a
 * placeholder for one of `Paths`; `false` when there is none.
 */
type AfterKeySegment<Segs extends string[], Prefix extends string, Paths extends string> = Segs extends [
  infer Label,
  infer Value,
  ...infer Rest extends string[],
]
  ? Label extends Prefix
    ? Value extends `{${Paths}}`
      ? Rest
      : AfterKeySegment<[Value & string, ...Rest], Prefix, Paths>
    : AfterKeySegment<[Value & string, ...Rest], Prefix, Paths>
  : false;

/** The path a message suggests: the field itself when usable, else `context.<field>`, else any. */
type Suggested<Paths extends string, Field extends string> = Field extends Paths
  ? Field
  : `context.${Field}` extends Paths
    ? `context.${Field}`
    : Paths;

/** Tenant paths fall back to the plain field name, as in the engine, when none is usable. */
type TenantPaths<I> = [UsablePaths<I, TenantField>] extends [never] ? TenantField : UsablePaths<I, TenantField>;

type IsolationProblem<Template extends string, Key extends string, I, CapsulePaths extends string> = Segments<
  Template,
  Delimiter
> extends infer Segs extends string[]
  ? IsolationSentence<
      Key,
      `(${Key}: '${Template}')`,
      `${TenantPrefix}${Delimiter}{${Suggested<TenantPaths<I>, TenantField>}}`,
      `${CapsulePrefix}${Delimiter}{${Suggested<CapsulePaths, CapsuleField>}}`,
      AfterKeySegment<Segs, TenantPrefix, TenantPaths<I>>,
      AfterKeySegment<Segs, CapsulePrefix, CapsulePaths>,
      CapsulePaths
    >
  : never;

/**
 * As in the engine: the capsule segment must follow the tenant segment; without a tenant
 * segment, a capsule segment anywhere still tells which of the two is missing.
 */
type IsolationSentence<
  Key extends string,
  Shown extends string,
  TenantSegment extends string,
  CapsuleSegment extends string,
  AfterTenant,
  AfterAnyCapsule,
  CapsulePaths extends string,
> = AfterTenant extends string[]
  ? AfterKeySegment<AfterTenant, CapsulePrefix, CapsulePaths> extends false
    ? IsolationMessage<`the ${Key} template lacks '${CapsuleSegment}' after '${TenantSegment}', so its items leak across capsules ${Shown}`>
    : never
  : AfterAnyCapsule extends false
    ? IsolationMessage<`the ${Key} template lacks '${TenantSegment}' and '${CapsuleSegment}', so its items leak across tenants and capsules ${Shown}`>
    : IsolationMessage<`the ${Key} template lacks '${TenantSegment}' before '${CapsuleSegment}', so its items leak across tenants ${Shown}`>;

/**
 * The problem of one template (never when there is none). `Key` names it in messages ('pk',
 * "GSI 'byEmail' pk"); `CapsulePaths` is non-never when partition keys must be isolated.
 */
type TemplateProblem<Template, Key extends string, I, CapsulePaths extends string> =
  IsKnownString<Template> extends true
    ? Template extends string
      ? [SyntaxProblem<Template>] extends [never]
        ? UnknownPlaceholder<Template, I> extends infer Unknown
          ? [Unknown] extends [never]
            ? [CapsulePaths] extends [never]
              ? never
              : IsolationProblem<Template, Key, I, CapsulePaths>
            : Unknown extends [infer Name extends string, infer Why extends string]
              ? Message<`the ${Key} template uses '{${Name}}' but ${Why} (${Key}: '${Template}')`>
              : never
          : never
        : Message<`the ${Key} template is malformed: ${SyntaxProblem<Template>} (${Key}: '${Template}')`>
      : never
    : never;

type Property<T, K extends string> = T extends { readonly [P in K]?: infer V } ? V : undefined;

type GsiProblem<Gsi, I, CapsulePaths extends string> = Gsi extends object
  ? {
      [Name in keyof Gsi]-?: Name extends string
        ? FirstProblem<
            [
              TemplateProblem<Property<Gsi[Name], 'pk'>, `GSI '${Name}' pk`, I, CapsulePaths>,
              TemplateProblem<Property<Gsi[Name], 'sk'>, `GSI '${Name}' sk`, I, never>,
            ]
          >
        : never;
    }[keyof Gsi]
  : never;

/**
 * The first problem of an entity's templates: pk, then sk, then the GSIs. An entity whose
 * instances carry a usable capsule id is capsule data, so its partition keys must be isolated.
 */
export type EntityProblem<Options, I> = EntityProblemWith<
  Options,
  I,
  IsolationByCapsuleId extends true ? UsablePaths<I, CapsuleField> : never
>;

type EntityProblemWith<Options, I, CapsulePaths extends string> = FirstProblem<
  [
    TemplateProblem<Property<Options, 'pk'>, 'pk', I, CapsulePaths>,
    TemplateProblem<Property<Options, 'sk'>, 'sk', I, never>,
    GsiProblem<Property<Options, 'gsi'>, I, CapsulePaths>,
  ]
>;

/** What the class decorator `@entity(options)` requires of the class `C` besides being `C`. */
export type KeyTemplateCheck<C extends abstract new (...args: never) => unknown, Options> = Failures<
  EntityProblem<Options, InstanceType<C>> & string
>;

/** The first misspelt key of an `@entity`'s options or of one of its GSIs (never when there is none). */
export type EntityOptionsProblem<Options> = FirstProblem<
  [UnknownOption<Options, keyof EntityOptions, '@entity'>, UnknownGsiKey<Property<Options, 'gsi'>>]
>;

type UnknownGsiKey<Gsi> = Gsi extends object
  ? { [Name in keyof Gsi]-?: UnknownOption<Gsi[Name], keyof GsiKeyTemplates, `GSI '${Name & string}' of @entity`> }[keyof Gsi]
  : never;
