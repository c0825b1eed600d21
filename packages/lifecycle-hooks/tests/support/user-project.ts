import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { packageDir } from './lambda-zip.js';

const exec = promisify(execFile);
const workspaceModules = path.resolve(packageDir, '..', '..', 'node_modules');

/** What `tsc --init` of TypeScript 6.0 writes (no JSX), with Node's types enabled and no output. */
const TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    target: 'esnext',
    types: ['node'],
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    strict: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    noUncheckedSideEffectImports: true,
    moduleDetection: 'force',
    skipLibCheck: true,
    noEmit: true,
  },
} as const;

interface PackedFile {
  readonly path: string;
}

interface UserProject {
  readonly dir: string;
  /** The installed package's directory inside the project's node_modules. */
  readonly installedDir: string;
  /** The files `npm pack` put in the tarball. */
  readonly packedFiles: readonly string[];
  /** Runs a shell script in the project, with the project's node_modules/.bin reachable through npx. */
  readonly runScript: (script: string) => Promise<void>;
  /** Type-checks the project's sources, and the installed package's declarations (see typeCheck). */
  readonly typeCheck: () => readonly string[];
  readonly remove: () => Promise<void>;
}

/**
 * The environment of the npm commands run for the project: the parent `npm test` exports its own package and
 * prefix (`npm_package_*`, `npm_config_local_prefix`), which must not point the child at the workspace. Registry,
 * cache, proxy and CA settings stay.
 */
const childEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(npm_package_|npm_lifecycle_|npm_command$|npm_config_(local_|global_)?prefix$|INIT_CWD$)/.test(key),
    ),
  );

const run = async (command: string, args: readonly string[], cwd: string): Promise<string> => {
  try {
    return (await exec(command, args, { cwd, env: childEnv(), maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stderr}${stdout}`, { cause: error });
  }
};

const diagnosticLine = (diagnostic: ts.Diagnostic): string => {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return text;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}:${line + 1} ${text}`;
};

/**
 * Packs this package (lib/ as `npm test`'s pretest just built it) and installs the tarball, as a new user would,
 * into a fresh ESM TypeScript project with `sources` (project-relative path → text). The package's dependencies
 * come from the registry through npm's cache; the project's own tools, @types/node and esbuild, are the
 * workspace's installed copies, linked (npm links a directory dependency) instead of unpacked again.
 */
const createUserProject = async (sources: Readonly<Record<string, string>>): Promise<UserProject> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'greenlight-user-project-'));
  const [packed] = JSON.parse(await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], packageDir)) as {
    filename: string;
    files: PackedFile[];
  }[];
  if (packed === undefined) throw new Error('npm pack reported no tarball');
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'custom-hook', private: true, type: 'module' }));
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  for (const [file, text] of Object.entries(sources)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      // Neither the package nor its dependencies have install scripts; the linked esbuild's would rewrite the
      // workspace's copy.
      '--ignore-scripts',
      `./${packed.filename}`,
      path.join(workspaceModules, '@types', 'node'),
      path.join(workspaceModules, 'esbuild'),
    ],
    dir,
  );
  const installedDir = await realpath(path.join(dir, 'node_modules', '@greenlight', 'lifecycle-hooks'));

  /**
   * What `tsc -p` reports for the project, plus the errors inside the installed package's declarations, which
   * skipLibCheck (tsc --init's default) would hide: a declaration importing a package the tarball does not bring
   * would otherwise silently turn into `any`. Other libraries' declarations are left to their authors.
   */
  const typeCheck = (): string[] => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(diagnosticLine(diagnostic));
      },
    });
    if (config === undefined) throw new Error(`${dir}/tsconfig.json could not be read`);
    const program = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, skipLibCheck: false } });
    const checked = program
      .getSourceFiles()
      .filter((file) => !file.isDeclarationFile || file.fileName.startsWith(`${installedDir}/`));
    return [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...checked.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
    ].map(diagnosticLine);
  };

  return {
    dir,
    installedDir,
    packedFiles: packed.files.map((file) => file.path).sort(),
    runScript: async (script) => {
      await run('sh', ['-e', '-c', script], dir);
    },
    typeCheck,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
};

export { createUserProject };
export type { UserProject };
