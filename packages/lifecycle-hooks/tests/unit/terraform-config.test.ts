import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseHookConfig } from '../../src/config.js';
import { packageDir } from '../helpers/lambda-zip.js';

const MODULE_MAIN = path.join(packageDir, '../../terraform/modules/lifecycle-hooks/main.tf');

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

describe('the lifecycle-hooks Terraform module', () => {
  it('renders GREENLIGHT_CONFIG with exactly the field names the hook config schema accepts', async () => {
    // Prepare
    const mainTf = await readFile(MODULE_MAIN, 'utf8');
    const schemaFields = new Set(fieldNames(EVERY_FIELD));

    // Act
    const rendered = new Set(keysRenderedByTheModule(mainTf));

    // Assess
    expect(() => parseHookConfig(EVERY_FIELD)).not.toThrow();
    expect([...rendered].sort()).toEqual([...schemaFields].sort());
  });
});
