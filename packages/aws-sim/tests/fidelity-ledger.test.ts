import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator } from '../src/index.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface LedgerRow {
  readonly id: string;
  readonly operations: string;
  readonly source: string;
  readonly files: string;
}

/** The rows of every table in FIDELITY.md whose first cell is an ID such as CP-11. */
const ledgerRows = (markdown: string): LedgerRow[] =>
  markdown
    .split('\n')
    .filter((line) => /^\| [A-Z]+-\d+ \|/.test(line))
    .map((line) => {
      const [id = '', operations = '', , source = '', files = ''] = line.slice(1, -1).split(' | ').map((cell) => cell.trim());
      return { id, operations, source, files };
    });

/** `FIDELITY CP-11` (or `FIDELITY CD-11, CD-12`) in the tests' names. */
const citedIds = (source: string): string[] =>
  [...source.matchAll(/FIDELITY ((?:[A-Z]+-\d+)(?:, [A-Z]+-\d+)*)/g)].flatMap((match) => (match[1] ?? '').split(', '));

describe('the fidelity ledger', () => {
  let sim: Simulator;
  let rows: LedgerRow[];

  beforeAll(async () => {
    sim = await startSimulator();
    rows = ledgerRows(await readFile(path.join(packageDir, 'FIDELITY.md'), 'utf8'));
  });
  afterAll(async () => sim.stop());

  it('has a row for every operation the simulator serves', () => {
    // Act
    const missing = sim.operations.filter((operation) => !rows.some((row) => row.operations.includes(`\`${operation}\``)));

    // Assess
    expect(sim.operations.length).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });

  it('names only operations the simulator serves', () => {
    // Act
    const named = rows.flatMap((row) => [...row.operations.matchAll(/`([a-z]+:[A-Za-z]+)`/g)].map((match) => match[1] ?? ''));

    // Assess
    expect(named.filter((operation) => !sim.operations.includes(operation))).toEqual([]);
  });

  it('gives every row a unique ID and a source: an AWS page, the SDK model, or an explicit Assumed / Simulator convention / Not modelled', () => {
    // Act
    const unsourced = rows.filter((row) => !/\]\(https:\/\/|SDK model|\*\*(Assumed|Simulator convention|Not modelled)\*\*/.test(row.source));
    const ids = rows.map((row) => row.id);

    // Assess
    expect(unsourced.map((row) => row.id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names implementing files that exist, or none only for behaviour it does not model', () => {
    // Act
    const problems = rows.flatMap((row) => {
      const files = [...row.files.matchAll(/`(src\/[^`]+)`/g)].map((match) => match[1] ?? '');
      if (files.length === 0) {
        return row.source.startsWith('**Not modelled**') ? [] : [`${row.id}: no file`];
      }
      return files.filter((file) => !existsSync(path.join(packageDir, file))).map((file) => `${row.id}: ${file}`);
    });

    // Assess
    expect(problems).toEqual([]);
  });

  it('is cited by the tests only with IDs it has', async () => {
    // Prepare
    const testsDir = path.join(packageDir, 'tests');
    const files = (await readdir(testsDir)).filter((file) => file.endsWith('.test.ts'));
    const sources = await Promise.all(files.map((file) => readFile(path.join(testsDir, file), 'utf8')));

    // Act
    const cited = new Set(sources.flatMap(citedIds));
    const ids = new Set(rows.map((row) => row.id));

    // Assess
    expect(cited.size).toBeGreaterThan(10);
    expect([...cited].filter((id) => !ids.has(id))).toEqual([]);
  });
});
