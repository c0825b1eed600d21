import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { Finding } from './finding.js';
import type { MarkdownDocument } from './markdown-document.js';

const MODULE_SOURCE_RULE = {
  Unpinned: 'module-source-unpinned',
  UnknownModule: 'module-source-unknown-module',
} as const;

const TERRAFORM_LANGUAGES = new Set(['hcl', 'terraform', 'tf']);

/** A `module` block shown in a document: its `source` and `version` arguments. */
interface ModuleCall {
  readonly file: string;
  /** Line of the `source` argument (of the block when it has none). */
  readonly line: number;
  readonly source: string | undefined;
  readonly version: string | undefined;
}

/**
 * Every `module "name" { ... }` in the document's Terraform blocks. Snippets are written as `terraform fmt`
 * formats them: the block closes at its own indentation, and its arguments sit one level (two spaces) in.
 */
const findModuleCalls = (document: MarkdownDocument): ModuleCall[] => {
  return document.codeBlocks
    .filter((block) => TERRAFORM_LANGUAGES.has(block.language))
    .flatMap((block) => {
      const lines = block.text.split('\n');
      return lines.flatMap((line, start) => {
        const opening = /^(\s*)module\s+"[^"]*"\s*\{\s*$/.exec(line);
        if (opening === null) return [];
        const indent = opening[1] ?? '';
        const closing = lines.findIndex((candidate, index) => index > start && candidate === `${indent}}`);
        const body = lines.slice(start + 1, closing === -1 ? lines.length : closing);
        const argument = (name: string): { value: string; offset: number } | undefined => {
          const pattern = new RegExp(`^${indent}  ${name}\\s*=\\s*"([^"]*)"`);
          const offset = body.findIndex((candidate) => pattern.test(candidate));
          const value = offset === -1 ? undefined : pattern.exec(body[offset] ?? '')?.[1];
          return value === undefined ? undefined : { value, offset };
        };
        const source = argument('source');
        return [
          {
            file: document.file,
            line: block.line + start + (source === undefined ? 0 : source.offset + 1),
            source: source?.value,
            version: argument('version')?.value,
          },
        ];
      });
    });
};

const isLocalSource = (source: string): boolean => source.startsWith('./') || source.startsWith('../');

/** Sources Terraform fetches with go-getter (git, GitHub, Bitbucket, archives, buckets): pinned with `ref=`. */
const isGetterSource = (source: string): boolean =>
  /^(github\.com\/|bitbucket\.org\/|git::|git@|hg::|s3::|gcs::|https?:\/\/)/.test(source);

/** `[<host>/]<namespace>/<name>/<provider>[//<dir>]`: pinned with an exact `version`. */
const isRegistrySource = (source: string): boolean => /^([\w.-]+\/)?[\w-]+\/[\w-]+\/[\w-]+(\/\/\S*)?$/.test(source);

/** A release tag (`v1.2.3`, `v2.0.0-rc.1`) or a full commit SHA. */
const PINNED_REF = /[?&]ref=(v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?|[0-9a-f]{40})(&|$)/;
const EXACT_VERSION = /^=?\s*\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** This repository's modules, `<host>/<owner>/greenlight//terraform/modules/<name>`: the directory must exist. */
const repositoryModule = (source: string): string | undefined => /\/greenlight\/\/(terraform\/modules\/[^?/]+)/.exec(source)?.[1];

/**
 * Each module source a reader may copy must name one release: a moving `?ref=v1`, a branch or no ref at all
 * would make `terraform init` fetch whatever is newest, unlike the code the docs describe.
 */
const checkModuleCall = (call: ModuleCall, root: string): Finding[] => {
  const at = { file: call.file, line: call.line };
  const { source, version } = call;
  if (source === undefined) {
    return [{ ...at, rule: MODULE_SOURCE_RULE.Unpinned, message: "the module block has no 'source': show where the module comes from, pinned to a release." }];
  }
  if (isLocalSource(source)) return [];
  const findings: Finding[] = [];
  if (isGetterSource(source)) {
    if (!PINNED_REF.test(source)) {
      findings.push({
        ...at,
        rule: MODULE_SOURCE_RULE.Unpinned,
        message: `'${source}' is not pinned to a release: end it with ?ref=vX.Y.Z (a release tag) or ?ref=<commit SHA>.`,
      });
    }
  } else if (isRegistrySource(source)) {
    if (version === undefined || !EXACT_VERSION.test(version)) {
      findings.push({
        ...at,
        rule: MODULE_SOURCE_RULE.Unpinned,
        message: `'${source}' is a registry module without an exact version: add version = "X.Y.Z"${version === undefined ? '' : ` (not "${version}")`}.`,
      });
    }
  } else {
    findings.push({
      ...at,
      rule: MODULE_SOURCE_RULE.Unpinned,
      message: `'${source}' is neither a local path, a git/archive source with ?ref=, nor a registry address: show a source Terraform can pin.`,
    });
  }
  const module = repositoryModule(source);
  if (module !== undefined && !existsSync(join(root, module))) {
    findings.push({ ...at, rule: MODULE_SOURCE_RULE.UnknownModule, message: `'${source}' names ${module}, which does not exist in this repository.` });
  }
  return findings;
};

export { checkModuleCall, findModuleCalls, MODULE_SOURCE_RULE };
export type { ModuleCall };
