import type { ReportedFinding } from '../finding';

export interface TextStyle {
  /** Show the code at each finding, as tsc does on a terminal. */
  readonly codeFrame: boolean;
  readonly color: boolean;
}

/**
 * tsc's own layout, so capsule-guard reads like the compiler next to it in a CI log:
 * `src/a.ts:12:14 - error capsule-guard/<rule>: message`, then a summary line. Nothing when clean.
 */
export function formatText(findings: readonly ReportedFinding[], style: TextStyle): string {
  if (findings.length === 0) return '';
  const paint = painter(style.color);
  const blocks = findings.map((finding) => {
    const header =
      `${paint(CYAN, finding.file)}:${paint(YELLOW, String(finding.line))}:${paint(YELLOW, String(finding.column))}` +
      ` - ${paint(RED, 'error')} ${paint(GREY, finding.ruleId)}: ${finding.message}`;
    return style.codeFrame ? [header, '', ...codeFrame(finding, paint), ''].join('\n') : header;
  });
  const files = new Set(findings.map((finding) => finding.file)).size;
  const summary = `Found ${count(findings.length, 'error')} in ${count(files, 'file')}.`;
  return `${blocks.join('\n')}\n${style.codeFrame ? '' : '\n'}${summary}\n`;
}

const RED = '31';
const YELLOW = '33';
const CYAN = '36';
const GREY = '90';
const REVERSE = '7';

type Paint = (code: string, text: string) => string;

function painter(color: boolean): Paint {
  return color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The reported lines with `~` under the reported text, laid out like tsc's: a spread of five or
 * more lines shows its first two and last two around "...".
 */
function codeFrame(finding: ReportedFinding, paint: Paint): string[] {
  const { line: firstLine, endLine: lastLine } = finding;
  const gutterWidth = String(lastLine).length;
  const gutter = (label: string) => paint(REVERSE, label.padStart(gutterWidth));
  const elide = lastLine - firstLine >= 4;
  const frame: string[] = [];
  for (let line = firstLine; line <= lastLine; line++) {
    if (elide && line > firstLine + 1 && line < lastLine - 1) {
      frame.push(`${gutter('')} ...`);
      line = lastLine - 1;
    }
    // tsc shows a tab as one space, so the underline below stays aligned with the text.
    const text = finding.sourceLines[line - firstLine].replace(/\t/gu, ' ').trimEnd();
    const from = line === firstLine ? finding.column - 1 : 0;
    const to = line === lastLine ? finding.endColumn - 1 : text.length;
    frame.push(`${gutter(String(line))} ${text}`);
    // A finding of no width (a whole-file one, at its start) still gets one mark.
    const width = line === firstLine ? Math.max(1, to - from) : to - from;
    frame.push(`${gutter('')} ${' '.repeat(from)}${paint(RED, '~'.repeat(width))}`);
  }
  return frame;
}
