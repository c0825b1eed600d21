import path from 'node:path';
import ts from 'typescript';
import { packageDir } from './lambda-zip.js';

interface TypeCheck {
  /** The compiler's errors, one line each ("file:line message"). */
  readonly errors: readonly string[];
  /** Every name the module `specifier` exports to the source, values and types alike. */
  readonly exportsOf: (specifier: string) => readonly string[];
}

const lineOf = (diagnostic: ts.Diagnostic): string => {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return text;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${path.basename(diagnostic.file.fileName)}:${line + 1} ${text}`;
};

/**
 * Type-checks `source` as if it were a file of this package's tests, with the tests' compiler options: a package
 * import such as '@greenlight/lifecycle-hooks' resolves as a user's would, through the package's `exports` (lib/).
 */
const typeCheck = (source: string): TypeCheck => {
  const fileName = path.join(packageDir, 'tests', 'typed-example.ts');
  const configPath = path.join(packageDir, 'tests', 'tsconfig.json');
  const config: unknown = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file)).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath));
  const host = ts.createCompilerHost(options);
  const disk = { getSourceFile: host.getSourceFile.bind(host), fileExists: host.fileExists.bind(host) };
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, languageVersion) : disk.getSourceFile(name, languageVersion, ...rest);
  host.fileExists = (name) => name === fileName || disk.fileExists(name);
  const program = ts.createProgram({ rootNames: [fileName], options: { ...options, noEmit: true }, host });
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(fileName);
  return {
    errors: ts.getPreEmitDiagnostics(program).map(lineOf),
    exportsOf: (specifier) => {
      const declaration = sourceFile?.statements
        .filter(ts.isImportDeclaration)
        .find((statement) => ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === specifier);
      const module = declaration === undefined ? undefined : checker.getSymbolAtLocation(declaration.moduleSpecifier);
      return module === undefined ? [] : checker.getExportsOfModule(module).map((symbol) => symbol.name);
    },
  };
};

export { typeCheck };
export type { TypeCheck };
