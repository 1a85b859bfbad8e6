import type * as ts from 'typescript';
import type { TS } from '../finding';
import { isAsciiSpaceCode } from '../text-search';

/**
 * The methods of a Fastify instance a call may declare a route with, and the fewest arguments such
 * a call takes: a verb's URL and handler, or the one options object or plugin of `route` and
 * `register`.
 */
const FEWEST_ROUTE_ARGUMENTS: ReadonlyMap<string, number> = new Map([
  ...['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all'].map((verb) => [verb, 2] as const),
  ['route', 1],
  ['register', 1],
]);
const ROUTE_METHODS: readonly string[] = [...FEWEST_ROUTE_ARGUMENTS.keys()];
/**
 * The route methods by their first letter's code, in an array indexed by it (a lookup for each `.`
 * of every file costs less than a map's): most `.` of a file are followed by none of them.
 */
const METHODS_BY_FIRST_LETTER: readonly (readonly string[] | undefined)[] = ROUTE_METHODS.reduce<string[][]>((byCode, method) => {
  (byCode[method.charCodeAt(0)] ??= []).push(method);
  return byCode;
}, []);

/** A route method's call as the text writes it: `.get(`, `. post (`, `.get<{ Params: P }>(`. */
interface RouteCallText {
  /** The index of its `.`. */
  readonly dot: number;
  readonly method: string;
  /** `(`, or `<` of type arguments. */
  readonly opener: string;
  /** The index after the opener. */
  readonly end: number;
}

/** JavaScript's `\s`: the spaces a method may be written apart from its `.` and its `(` with. */
function isSpaceCode(code: number): boolean {
  if (code <= 32) return isAsciiSpaceCode(code);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * Each call of a route method a text writes (`.get(`, `.get<…>(`, `.route(`, `.register(`): only
 * the parts of a file around these are walked. Read with `indexOf` from one `.` to the next, which
 * costs a third of a regular expression's pass over a file that writes none.
 */
export function routeCallTexts(text: string, stopAtFirst = false): RouteCallText[] {
  const found: RouteCallText[] = [];
  for (let dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    let at = dot + 1;
    while (at < text.length && isSpaceCode(text.charCodeAt(at))) at++;
    const method = METHODS_BY_FIRST_LETTER[text.charCodeAt(at)]?.find((name) => text.startsWith(name, at));
    if (method === undefined) continue;
    let end = at + method.length;
    while (end < text.length && isSpaceCode(text.charCodeAt(end))) end++;
    const opener = text[end];
    if (opener !== '(' && opener !== '<') continue;
    found.push({ dot, method, opener, end: end + 1 });
    if (stopAtFirst) break;
  }
  return found;
}

/** Whether a text writes a call of a route method (`routeCallTexts`). */
export function writesRouteCall(text: string): boolean {
  return routeCallTexts(text, true).length > 0;
}

/** The fewest arguments a call of `method` takes when it declares a route or registers a plugin; undefined for any other method. */
export function fewestRouteArguments(method: string): number | undefined {
  return FEWEST_ROUTE_ARGUMENTS.get(method);
}

/** The sites of the last file read: the gate and then the walk of one file's check ask in turn. */
let last: { readonly sourceFile: ts.SourceFile; readonly sites: readonly number[] } | undefined;
const scanners = new WeakMap<TS, ts.Scanner>();

/**
 * Where a file writes a call that may declare a Fastify route or register a plugin (the `.` of
 * `.get(`), read from the text before the file is walked. A verb called with one argument or none
 * (`groups.get(key)`, the most common `.get(` of all) declares no route: its arguments are read
 * up to the closing parenthesis (a lone name from the text, anything else token by token), and
 * where that reading could be wrong (a regular expression, a template with substitutions, JSX, an
 * unterminated literal, type arguments) the call is kept.
 */
export function routeCallSites(ts: TS, sourceFile: ts.SourceFile): readonly number[] {
  if (last?.sourceFile !== sourceFile) last = { sourceFile, sites: readRouteCallSites(ts, sourceFile) };
  return last.sites;
}

function readRouteCallSites(ts: TS, sourceFile: ts.SourceFile): number[] {
  const { text } = sourceFile;
  const found: number[] = [];
  let scanner: ts.Scanner | undefined;
  for (const { dot, method, opener, end } of routeCallTexts(text)) {
    const readable = opener === '(' && sourceFile.languageVariant !== ts.LanguageVariant.JSX;
    if (!readable || (fewestRouteArguments(method) ?? 0) < 2) {
      found.push(dot);
      continue;
    }
    if (isAtMostOneName(text, end)) continue;
    if (!scanner) {
      scanner = scannerFor(ts);
      scanner.setText(text);
    }
    if (mayHaveTwoArguments(ts, scanner, end)) found.push(dot);
  }
  return found;
}

const CLOSE_PARENTHESIS = 41;

/** A character of an ASCII name or member chain: a letter, a digit, `_`, `$`, `.`. */
function isNameOrDotCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code === 46;
}

/**
 * Whether the arguments of a call whose `(` ends at `start` are one name or member chain, or none
 * (`groups.get(key)`, `map.get(this.id)`, `.get()`): the commonest `.get(` of all, told from the
 * text alone. In a typed pass of the library bench, setting the tokenizer up and reading the two
 * tokens of `groups.get(k)` took about 8 µs, the whole route pre-filter of such a file 15 µs.
 * Anything else between the parentheses goes to the tokenizer.
 */
function isAtMostOneName(text: string, start: number): boolean {
  let at = start;
  while (isAsciiSpaceCode(text.charCodeAt(at))) at++;
  while (isNameOrDotCode(text.charCodeAt(at))) at++;
  while (isAsciiSpaceCode(text.charCodeAt(at))) at++;
  return text.charCodeAt(at) === CLOSE_PARENTHESIS;
}

function scannerFor(ts: TS): ts.Scanner {
  let scanner = scanners.get(ts);
  if (!scanner) scanners.set(ts, (scanner = ts.createScanner(ts.ScriptTarget.Latest, true)));
  return scanner;
}

/**
 * Whether the arguments of a call whose `(` ends at `start` may be two or more: a comma outside
 * any bracket comes before the closing parenthesis, or the tokens cannot be read without the
 * parser (`/` may start a regular expression, `}` may continue a template).
 */
function mayHaveTwoArguments(ts: TS, scanner: ts.Scanner, start: number): boolean {
  const { SyntaxKind } = ts;
  const closers: ts.SyntaxKind[] = [];
  scanner.resetTokenState(start);
  for (;;) {
    const token = scanner.scan();
    if (scanner.isUnterminated()) return true;
    switch (token) {
      case SyntaxKind.OpenParenToken:
        closers.push(SyntaxKind.CloseParenToken);
        break;
      case SyntaxKind.OpenBracketToken:
        closers.push(SyntaxKind.CloseBracketToken);
        break;
      case SyntaxKind.OpenBraceToken:
        closers.push(SyntaxKind.CloseBraceToken);
        break;
      case SyntaxKind.CloseParenToken:
      case SyntaxKind.CloseBracketToken:
      case SyntaxKind.CloseBraceToken:
        if (closers.length === 0) return token !== SyntaxKind.CloseParenToken;
        if (closers.pop() !== token) return true;
        break;
      case SyntaxKind.CommaToken:
        if (closers.length === 0) return true;
        break;
      case SyntaxKind.SlashToken:
      case SyntaxKind.SlashEqualsToken:
      case SyntaxKind.TemplateHead:
      case SyntaxKind.Unknown:
      case SyntaxKind.EndOfFileToken:
        return true;
      default:
        break;
    }
  }
}
