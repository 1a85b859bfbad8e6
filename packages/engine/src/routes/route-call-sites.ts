import type * as ts from 'typescript';
import type { TS } from '../finding';

/**
 * Verbs of a Fastify instance and its plugin registration, as a call is written: `.get(`,
 * `.get<{ Params: P }>(`, `.route(`, `.register(`. Only the parts of a file around these are walked.
 */
export const FASTIFY_CALL = /\.\s*(?:get|post|put|patch|delete|head|options|all|route|register)\s*[(<]/u;
const FASTIFY_CALLS = new RegExp(FASTIFY_CALL.source, 'gu');

const VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);

/**
 * The fewest arguments a call of `method` takes when it declares a route (a verb: a URL and a
 * handler) or registers a plugin (`route`, `register`: one options object or plugin); undefined
 * for any other method.
 */
export function fewestRouteArguments(method: string): number | undefined {
  if (method === 'route' || method === 'register') return 1;
  return VERBS.has(method) ? 2 : undefined;
}

const sites = new WeakMap<ts.SourceFile, readonly number[]>();
const scanners = new WeakMap<TS, ts.Scanner>();

/**
 * Where a file writes a call that may declare a Fastify route or register a plugin (the `.` of
 * `.get(`), read from the text before the file is walked. A verb called with one argument or none
 * (`groups.get(key)`, the most common `.get(` of all) declares no route: its arguments are read
 * token by token up to the closing parenthesis, and where that reading could be wrong (a
 * regular expression, a template with substitutions, JSX, an unterminated literal, type
 * arguments) the call is kept.
 */
export function routeCallSites(ts: TS, sourceFile: ts.SourceFile): readonly number[] {
  let found = sites.get(sourceFile);
  if (!found) sites.set(sourceFile, (found = readRouteCallSites(ts, sourceFile)));
  return found;
}

function readRouteCallSites(ts: TS, sourceFile: ts.SourceFile): number[] {
  const { text } = sourceFile;
  const found: number[] = [];
  let scanner: ts.Scanner | undefined;
  for (const match of text.matchAll(FASTIFY_CALLS)) {
    const written = match[0];
    const readable = written.endsWith('(') && sourceFile.languageVariant !== ts.LanguageVariant.JSX;
    if (!readable || (fewestRouteArguments(written.slice(1, -1).trim()) ?? 0) < 2) {
      found.push(match.index);
      continue;
    }
    if (!scanner) {
      scanner = scannerFor(ts);
      scanner.setText(text);
    }
    if (mayHaveTwoArguments(ts, scanner, match.index + written.length)) found.push(match.index);
  }
  return found;
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
