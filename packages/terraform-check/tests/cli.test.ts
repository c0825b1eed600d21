import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { packageDir } from './fixture-check.js';

// The package's `pretest` script builds dist/ before the tests run.
const runCli = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const result = spawnSync(process.execPath, [join(packageDir, 'dist/cli.js'), ...args], { cwd: packageDir, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('terraform-check CLI', () => {
  it('prints findings as file:line rule message and exits non-zero on errors', () => {
    // Prepare / Act
    const { status, stdout } = runCli('tests/fixtures/alb');

    // Assess
    expect(status).toBe(1);
    expect(stdout).toContain('tests/fixtures/alb/main.tf:9 CKV_AWS_103 aws_lb_listener.https uses ELBSecurityPolicy-2016-08');
    expect(stdout).toMatch(/terraform-check: 1 modules, 1 files, 3 resources; 3 errors, 0 warnings, 0 notes, 0 waived; \d+\.\d\d s/);
  });

  it('exits zero on a clean tree and lists waivers with their reasons', () => {
    // Prepare / Act
    const clean = runCli('tests/fixtures/good');
    const waived = runCli('tests/fixtures/waivers');

    // Assess
    expect(clean.status).toBe(0);
    expect(waived.stdout).toContain('waivers (1):\n  tests/fixtures/waivers/main.tf:2 CKV_AWS_66 waived: audit logs are kept forever on purpose');
  });

  it('names the expected arguments when none or unknown ones are given', () => {
    // Prepare / Act
    const none = runCli();
    const unknown = runCli('--fixx', 'tests/fixtures/good');

    // Assess
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no directory given: expected one or more directories holding .tf files');
    expect(unknown.stderr).toContain('unknown option --fixx: expected --fix, --fix-docs or --var name=value');
  });

  it('checks the variant a --var value selects, and names the expected form of a malformed one', () => {
    // Prepare / Act
    const asWritten = runCli('tests/fixtures/inputs');
    const opened = runCli('--var', 'test_listener_source=0.0.0.0/0', 'tests/fixtures/inputs');
    const malformed = runCli('--var', 'test_listener_source', 'tests/fixtures/inputs');

    // Assess
    expect(asWritten.status).toBe(0);
    expect(opened.status).toBe(1);
    expect(opened.stdout).toContain('tests/fixtures/inputs/main.tf:12 GL_TEST_LISTENER_PUBLIC aws_vpc_security_group_ingress_rule.test opens port 8443');
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('--var expects name=value (for example --var deployment_controller=ECS), got "test_listener_source"');
  });

  it('names a root that does not exist', () => {
    // Prepare / Act
    const { status, stderr } = runCli('tests/fixtures/nope');

    // Assess
    expect(status).toBe(2);
    expect(stderr).toContain('cannot scan tests/fixtures/nope: expected an existing directory holding .tf files');
  });
});
