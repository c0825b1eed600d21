import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { CHECK_PATH, DNS_HOST_NAME, MAX_HOST_NAME_LENGTH, parseHookConfig } from '../../src/config.js';
import { CHECK_STAGES } from '../../src/ecs-stages.js';
import { packageDir } from '../support/lambda-zip.js';

const moduleDir = path.join(packageDir, '../../terraform/modules/lifecycle-hooks');
const moduleMain = path.join(moduleDir, 'main.tf');
const moduleVariables = path.join(moduleDir, 'variables.tf');

// Every field the hook's config schema accepts, at its place: the schema (strict) proves none is misspelled here.
const EVERY_FIELD = {
  targetUrl: 'https://test.example.com:8443',
  readyTimeoutSeconds: 60,
  requestTimeoutMs: 5_000,
  callBackDelaySeconds: 15,
  tls: { serverName: 'app.example.com', ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' },
  checks: [
    {
      name: 'health',
      method: 'POST',
      path: '/health',
      headers: { 'x-probe': 'greenlight' },
      body: '{}',
      requests: 10,
      concurrency: 2,
      expect: {
        status: '2xx',
        bodyIncludes: 'ok',
        bodyMatches: '^ok',
        json: { '/status': 'ok' },
        maxLatencyMs: 500,
        successRatio: 1,
        p95Ms: 300,
      },
      stages: ['POST_TEST_TRAFFIC_SHIFT'],
    },
  ],
};

const fieldNames = (value: unknown): string[] => {
  if (Array.isArray(value)) {
    return value.flatMap(fieldNames);
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  // Header names and JSON pointers are data, not schema fields.
  return Object.entries(value).flatMap(([key, child]) => [key, ...(key === 'headers' || key === 'json' ? [] : fieldNames(child))]);
};

/** The keys the module's hook_configs local writes into GREENLIGHT_CONFIG (`key = value` pairs, never `==`). */
const keysRenderedByTheModule = (mainTf: string): string[] => {
  const start = mainTf.indexOf('hook_configs = {');
  const end = mainTf.indexOf('\nresource ', start);
  const block = mainTf.slice(start + 'hook_configs = {'.length, end);
  return [...block.matchAll(/\b([A-Za-z][A-Za-z0-9]*)\s+=\s/g)].map((match) => match[1] ?? '');
};

/** The patterns of every `regex("…", <subject>)` call in the text, HCL string escapes undone (they are JSON's). */
const regexPatternsApplied = (tf: string, subject: string): string[] =>
  [...tf.matchAll(/regex\("((?:[^"\\]|\\.)*)", ([\w.]+)\)/g)]
    .filter((match) => match[2] === subject)
    .map((match) => JSON.parse(`"${match[1] ?? ''}"`) as string);

/** The lists of every `contains([…], <subject>)` call in the text. */
const listsContaining = (tf: string, subject: string): unknown[] =>
  [...tf.matchAll(/contains\((\[[^\]]*\]), ([\w.]+)\)/g)]
    .filter((match) => match[2] === subject)
    .map((match) => JSON.parse(match[1] ?? '[]') as unknown);

describe('the lifecycle-hooks Terraform module', () => {
  it("validates a check's stages with the hook's own list of checking stages", async () => {
    // Prepare
    const variablesTf = await readFile(moduleVariables, 'utf8');

    // Act
    const stageLists = listsContaining(variablesTf, 'stage');

    // Assess: a check's stages, and the keys of hooks that must have a check for their stage
    expect(stageLists).toEqual([[...CHECK_STAGES], [...CHECK_STAGES]]);
  });

  it('validates check paths and tls_server_name with the hook config schema\'s own patterns', async () => {
    // Prepare
    const variablesTf = await readFile(moduleVariables, 'utf8');

    // Act
    const pathPatterns = regexPatternsApplied(variablesTf, 'check.path');
    const serverNamePatterns = regexPatternsApplied(variablesTf, 'hook.tls_server_name');

    // Assess
    expect(pathPatterns).toEqual([CHECK_PATH.source]);
    expect(serverNamePatterns).toEqual([DNS_HOST_NAME.source]);
    expect(variablesTf).toContain(`length(hook.tls_server_name) <= ${MAX_HOST_NAME_LENGTH} && can(regex(`);
  });

  it('renders GREENLIGHT_CONFIG with exactly the field names the hook config schema accepts', async () => {
    // Prepare
    const mainTf = await readFile(moduleMain, 'utf8');
    const schemaFields = new Set(fieldNames(EVERY_FIELD));

    // Act
    const rendered = new Set(keysRenderedByTheModule(mainTf));

    // Assess
    expect(() => parseHookConfig(EVERY_FIELD)).not.toThrow();
    expect([...rendered].sort()).toEqual([...schemaFields].sort());
  });
});
