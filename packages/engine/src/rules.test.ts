import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkCode } from './testing/check-code';

it('probe', () => {
  const spec = JSON.parse(readFileSync('/tmp/probe/cases.json', 'utf8')) as { name: string; code: string; files?: Record<string,string>; options?: any; exp?: boolean }[];
  const out: string[] = [];
  for (const c of spec) {
    const u = checkCode(c.code, { options: c.options, files: c.files });
    const ty = checkCode(c.code, { typed: true, options: c.options, files: c.files, experimentalDecorators: c.exp });
    const fmt = (fs: typeof u) => fs.map(f => `  ${f.ruleId} ${f.messageId} ${f.line}:${f.column} «${f.text}»\n    ${f.message}${f.suggestions.length ? '\n    SUG ' + JSON.stringify(f.suggestions) : ''}`).join('\n');
    const a = fmt(u), b = fmt(ty);
    out.push(`## ${c.name}\n${a === b ? '[same]\n' + a : '[UNTYPED]\n' + a + '\n[TYPED]\n' + b}`);
  }
  require('node:fs').writeFileSync('/tmp/probe/out.txt', out.join('\n'));
});
