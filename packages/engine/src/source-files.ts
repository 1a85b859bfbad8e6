import type * as ts from 'typescript';

/**
 * The files of a program that are the user's own code: not declaration files, JSON modules or
 * anything from node_modules. Every front end that walks a program (the transformer, the
 * editor plugin, the CLI) checks exactly these files.
 */
export function isUserSourceFile(program: ts.Program, sourceFile: ts.SourceFile): boolean {
  return (
    !sourceFile.isDeclarationFile &&
    !/\.json$/iu.test(sourceFile.fileName) &&
    !program.isSourceFileFromExternalLibrary(sourceFile) &&
    !sourceFile.fileName.split(/[\\/]/u).includes('node_modules')
  );
}
