import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl, HOMEPAGE_URL, RULE_NAMES, RULES, ruleId, type RuleName } from '@capsule-guard/engine';
import type { ReportedFinding } from '../finding';

export interface SarifContext {
  /** File locations are given relative to this directory (the repository root in CI). */
  readonly cwd: string;
  readonly version: string;
}

/** The base that relative artifact URIs resolve against; GitHub code scanning maps it to the checkout. */
export const SOURCE_ROOT = '%SRCROOT%';

const SUPPRESSION_HINT =
  'To accept one finding deliberately, write `// capsule-guard-ignore <rule-id> -- <reason>` on the line before it.';

/**
 * A SARIF 2.1.0 log of one run, in the shape GitHub code scanning accepts: every rule of the
 * catalog with its descriptions and help, and every finding with a rule index, a level, a message
 * and a region (1-based; SARIF's end column is exclusive, like ours).
 */
export function formatSarif(findings: readonly ReportedFinding[], context: SarifContext): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'capsule-guard',
            informationUri: HOMEPAGE_URL,
            version: context.version,
            semanticVersion: context.version,
            rules: RULE_NAMES.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((finding) => result(finding, context.cwd)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleName) {
  const { description } = RULES[rule];
  const helpUri = docsUrl(rule);
  return {
    id: ruleId(rule),
    name: rule,
    shortDescription: { text: description },
    fullDescription: { text: `${description} ${SUPPRESSION_HINT}` },
    help: {
      text: `${description}\n\n${SUPPRESSION_HINT}\n\nDocumentation: ${helpUri}`,
      markdown: `${description}\n\n${SUPPRESSION_HINT}\n\n[Documentation](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: 'error' },
    // GitHub code scanning shows results of 'very-high' precision 'error' rules by default.
    properties: { tags: ['correctness', 'multi-tenancy'], precision: 'very-high', 'problem.severity': 'error' },
  };
}

function result(finding: ReportedFinding, cwd: string) {
  return {
    ruleId: finding.ruleId,
    ruleIndex: RULE_NAMES.indexOf(finding.rule),
    level: 'error',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(finding.absolutePath, cwd),
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endLine: finding.endLine,
            endColumn: finding.endColumn,
          },
        },
      },
    ],
  };
}

/** Relative to the source root when the file is inside it; an absolute file URI otherwise. */
function artifactLocation(absolutePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, absolutePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolutePath).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function directoryUri(directory: string): string {
  const uri = pathToFileURL(directory).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}
