import { describe, expect, it } from 'vitest';
import { tokenizePath, type PathSyntaxReader } from './path-tokenizer';

/** A syntax of `<name>` placeholders, `!` as an error and `[` opening what must be closed by the end. */
function angleSyntax(): PathSyntaxReader<string, string> {
  let open = false;
  return {
    read(path, at) {
      if (path[at] === '!') return { error: `'!' at ${at}` };
      if (path[at] === '[') {
        open = true;
        return { end: at + 1 };
      }
      if (path[at] !== '<') return undefined;
      const close = path.indexOf('>', at);
      return { end: close + 1, placeholder: path.slice(at + 1, close) };
    },
    finish: () => (open ? 'unclosed [' : undefined),
  };
}

describe('tokenizePath', () => {
  it('reads the constructs the syntax reads, in order, and passes over literal text', () => {
    expect(tokenizePath('/a/<x>/b<y>z', angleSyntax())).toEqual({ ok: true, placeholders: ['x', 'y'] });
  });

  it('stops at the first failure', () => {
    expect(tokenizePath('/<x>/!/<y>/!', angleSyntax())).toEqual({ ok: false, error: "'!' at 5" });
  });

  it('fails for what the syntax finds left open at the end', () => {
    expect(tokenizePath('/[<x>', angleSyntax())).toEqual({ ok: false, error: 'unclosed [' });
  });
});
