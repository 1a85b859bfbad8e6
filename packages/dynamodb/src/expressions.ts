/**
 * A parser for DynamoDB's expression language: condition expressions (ConditionExpression,
 * FilterExpression, KeyConditionExpression) and update expressions. The guard has to know which
 * attribute a value is compared with, and `pk = :v` in a string is not enough to say so: `#pk`
 * may name it, `(pk = :a OR pk = :b)` may hide a second partition, `pkx = :v` is another
 * attribute. So expressions are parsed into a tree; anything the grammar does not allow is an
 * ExpressionSyntaxError, which the guard treats as a refusal.
 *
 * Grammar (keywords and function names are case-insensitive):
 *   condition := disjunct (OR disjunct)*        disjunct := conjunct (AND conjunct)*
 *   conjunct  := NOT conjunct | '(' condition ')' | function
 *              | operand comparator operand | operand BETWEEN operand AND operand
 *              | operand IN '(' operand (',' operand)* ')'
 *   operand   := path | ':value' | function
 *   function  := name '(' operand (',' operand)* ')'
 *   path      := (name | '#name') ('.' (name | '#name') | '[' digits ']')*
 *   update    := (SET action (',' action)* | REMOVE path (',' path)* | ADD path operand (',' …)*
 *                 | DELETE path operand (',' …)*)+
 *   action    := path '=' setValue          setValue := operand (('+' | '-') operand)?
 */

export class ExpressionSyntaxError extends Error {
  constructor(expression: string, detail: string) {
    super(`cannot parse ${JSON.stringify(expression)}: ${detail}`);
    this.name = 'ExpressionSyntaxError';
  }
}

/** One element of a document path: an attribute name (placeholders left unresolved) or a list index. */
export type PathElement = { readonly kind: 'name'; readonly text: string } | { readonly kind: 'index'; readonly index: number };

export type Operand =
  | { readonly kind: 'path'; readonly elements: readonly PathElement[] }
  | { readonly kind: 'value'; readonly placeholder: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Operand[] };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly condition: Condition }
  | { readonly kind: 'compare'; readonly comparator: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly subject: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly subject: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'function'; readonly call: Operand & { kind: 'call' } };

export type UpdateAction =
  | { readonly clause: 'SET'; readonly path: Operand & { kind: 'path' }; readonly value: readonly Operand[]; readonly arithmetic: boolean }
  | { readonly clause: 'REMOVE'; readonly path: Operand & { kind: 'path' } }
  | { readonly clause: 'ADD' | 'DELETE'; readonly path: Operand & { kind: 'path' }; readonly value: Operand };

type TokenKind = 'name' | 'placeholder' | 'value' | 'number' | 'punct' | 'end';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly offset: number;
}

const PUNCTUATION = ['<>', '<=', '>=', '=', '<', '>', '(', ')', ',', '.', '[', ']', '+', '-'];
const WORD = /[A-Za-z0-9_]/u;
const COMPARATORS: readonly string[] = ['=', '<>', '<', '<=', '>', '>='];
const UPDATE_CLAUSES = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const word = (start: number) => {
    let end = start;
    while (end < expression.length && WORD.test(expression[end])) end += 1;
    return expression.slice(start, end);
  };
  while (index < expression.length) {
    const char = expression[index];
    if (/\s/u.test(char)) {
      index += 1;
      continue;
    }
    const offset = index;
    if (char === ':' || char === '#') {
      const name = word(index + 1);
      if (name === '') throw new ExpressionSyntaxError(expression, `'${char}' at offset ${offset} names nothing`);
      tokens.push({ kind: char === ':' ? 'value' : 'placeholder', text: char + name, offset });
      index += 1 + name.length;
      continue;
    }
    if (WORD.test(char)) {
      const text = word(index);
      tokens.push({ kind: /^\d+$/u.test(text) ? 'number' : 'name', text, offset });
      index += text.length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => expression.startsWith(p, index));
    if (!punct) throw new ExpressionSyntaxError(expression, `unexpected ${JSON.stringify(char)} at offset ${offset}`);
    tokens.push({ kind: 'punct', text: punct, offset });
    index += punct.length;
  }
  tokens.push({ kind: 'end', text: '', offset: expression.length });
  return tokens;
}

/** Recursive descent over the token list; one instance per expression. */
class Parser {
  private readonly tokens: Token[];
  private position = 0;

  constructor(private readonly expression: string) {
    this.tokens = tokenize(expression);
  }

  private get current(): Token {
    return this.tokens[this.position];
  }

  private fail(detail: string): never {
    const token = this.current;
    const at = token.kind === 'end' ? 'at the end' : `at ${JSON.stringify(token.text)} (offset ${token.offset})`;
    throw new ExpressionSyntaxError(this.expression, `${detail} ${at}`);
  }

  private isKeyword(word: string): boolean {
    return this.current.kind === 'name' && this.current.text.toUpperCase() === word;
  }

  private isPunct(text: string): boolean {
    return this.current.kind === 'punct' && this.current.text === text;
  }

  private take(): Token {
    const token = this.current;
    this.position += 1;
    return token;
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail(`expected '${text}'`);
    this.take();
  }

  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) this.fail(`expected ${word}`);
    this.take();
  }

  expectEnd(): void {
    if (this.current.kind !== 'end') this.fail('unexpected text');
  }

  condition(): Condition {
    return this.chain('OR', () => this.disjunct());
  }

  private disjunct(): Condition {
    return this.chain('AND', () => this.conjunct());
  }

  /** Left-associative `term (KEYWORD term)*`. */
  private chain(keyword: 'OR' | 'AND', term: () => Condition): Condition {
    let left = term();
    while (this.isKeyword(keyword)) {
      this.take();
      left = { kind: keyword === 'OR' ? 'or' : 'and', left, right: term() };
    }
    return left;
  }

  private conjunct(): Condition {
    if (this.isKeyword('NOT')) {
      this.take();
      return { kind: 'not', condition: this.conjunct() };
    }
    if (this.isPunct('(')) {
      this.take();
      const inner = this.condition();
      this.expectPunct(')');
      return inner;
    }
    const subject = this.operand();
    if (this.current.kind === 'punct' && COMPARATORS.includes(this.current.text)) {
      const comparator = this.take().text as Comparator;
      return { kind: 'compare', comparator, left: subject, right: this.operand() };
    }
    if (this.isKeyword('BETWEEN')) {
      this.take();
      const low = this.operand();
      this.expectKeyword('AND');
      return { kind: 'between', subject, low, high: this.operand() };
    }
    if (this.isKeyword('IN')) {
      this.take();
      this.expectPunct('(');
      const list = this.operandList();
      this.expectPunct(')');
      return { kind: 'in', subject, list };
    }
    if (subject.kind === 'call') return { kind: 'function', call: subject };
    return this.fail('expected a comparison, BETWEEN, IN or a function');
  }

  private operandList(): Operand[] {
    const list = [this.operand()];
    while (this.isPunct(',')) {
      this.take();
      list.push(this.operand());
    }
    return list;
  }

  operand(): Operand {
    const token = this.current;
    if (token.kind === 'value') {
      this.take();
      return { kind: 'value', placeholder: token.text };
    }
    if (token.kind === 'name' && this.tokens[this.position + 1].text === '(') {
      this.take();
      this.take();
      const args = this.operandList();
      this.expectPunct(')');
      return { kind: 'call', name: token.text.toLowerCase(), args };
    }
    return this.path();
  }

  path(): Operand & { kind: 'path' } {
    const elements: PathElement[] = [this.pathName()];
    for (;;) {
      if (this.isPunct('.')) {
        this.take();
        elements.push(this.pathName());
      } else if (this.isPunct('[')) {
        this.take();
        if (this.current.kind !== 'number') this.fail('expected a list index');
        elements.push({ kind: 'index', index: Number(this.take().text) });
        this.expectPunct(']');
      } else {
        return { kind: 'path', elements };
      }
    }
  }

  private pathName(): PathElement {
    const token = this.current;
    if (token.kind !== 'name' && token.kind !== 'placeholder') this.fail('expected an attribute name');
    this.take();
    return { kind: 'name', text: token.text };
  }

  update(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    const seen = new Set<string>();
    do {
      const clause = UPDATE_CLAUSES.find((word) => this.isKeyword(word));
      if (!clause) this.fail('expected SET, REMOVE, ADD or DELETE');
      if (seen.has(clause)) this.fail(`${clause} appears twice`);
      seen.add(clause);
      this.take();
      actions.push(this.updateAction(clause));
      while (this.isPunct(',')) {
        this.take();
        actions.push(this.updateAction(clause));
      }
    } while (this.current.kind !== 'end');
    return actions;
  }

  private updateAction(clause: (typeof UPDATE_CLAUSES)[number]): UpdateAction {
    const path = this.path();
    if (clause === 'REMOVE') return { clause, path };
    if (clause !== 'SET') return { clause, path, value: this.operand() };
    this.expectPunct('=');
    const value = [this.operand()];
    const arithmetic = this.isPunct('+') || this.isPunct('-');
    if (arithmetic) {
      this.take();
      value.push(this.operand());
    }
    return { clause, path, value, arithmetic };
  }
}

/**
 * Parsed trees by expression text. An application sends the same few expressions over and over,
 * so each is parsed once; the trees are read-only and shared. Bounded: a client that builds
 * expressions from data would otherwise grow it without end.
 */
const CACHE_LIMIT = 1000;
const conditions = new Map<string, Condition>();
const updates = new Map<string, UpdateAction[]>();

function cached<T>(cache: Map<string, T>, expression: string, parse: (parser: Parser) => T): T {
  let parsed = cache.get(expression);
  if (parsed === undefined) {
    const parser = new Parser(expression);
    parsed = parse(parser);
    parser.expectEnd();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(expression, parsed);
  }
  return parsed;
}

export function parseCondition(expression: string): Condition {
  return cached(conditions, expression, (parser) => parser.condition());
}

export function parseUpdate(expression: string): readonly UpdateAction[] {
  return cached(updates, expression, (parser) => parser.update());
}

/** A comparison, range, membership test or function call, with the operands it applies to. */
export interface Application {
  readonly name: string;
  readonly operands: readonly Operand[];
}

/**
 * Every comparison, BETWEEN, IN and function call in a condition, nested calls included, each with
 * its direct operands: what a check on "which attribute is compared with which value" walks.
 */
export function applicationsOf(condition: Condition): Application[] {
  const found: Application[] = [];
  const visitOperand = (operand: Operand): void => {
    if (operand.kind !== 'call') return;
    found.push({ name: operand.name, operands: operand.args });
    operand.args.forEach(visitOperand);
  };
  const visit = (node: Condition): void => {
    switch (node.kind) {
      case 'and':
      case 'or':
        visit(node.left);
        visit(node.right);
        return;
      case 'not':
        visit(node.condition);
        return;
      case 'function':
        visitOperand(node.call);
        return;
      case 'compare':
        found.push({ name: node.comparator, operands: [node.left, node.right] });
        [node.left, node.right].forEach(visitOperand);
        return;
      case 'between':
        found.push({ name: 'BETWEEN', operands: [node.subject, node.low, node.high] });
        [node.subject, node.low, node.high].forEach(visitOperand);
        return;
      case 'in':
        found.push({ name: 'IN', operands: [node.subject, ...node.list] });
        [node.subject, ...node.list].forEach(visitOperand);
    }
  };
  visit(condition);
  return found;
}

/** The terms of a condition that is a conjunction (`a AND (b AND c)`); undefined if OR or NOT occurs. */
export function conjunctionTerms(condition: Condition): Condition[] | undefined {
  if (condition.kind === 'or' || condition.kind === 'not') return undefined;
  if (condition.kind !== 'and') return [condition];
  const left = conjunctionTerms(condition.left);
  const right = conjunctionTerms(condition.right);
  return left && right ? [...left, ...right] : undefined;
}
