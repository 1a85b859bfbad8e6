export { run, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, type CliEnvironment, type Output } from './cli';
export type { ReportedFinding } from './finding';
