import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { marked } from 'marked';
import { node24Path } from '@greenlight/testkit';
import { runRehearsal, SCENARIOS } from '../src/index.js';

// The rehearsal's shortened timings (as in rehearsal.e2e.test.ts): a 5-minute canary holds for 2.5 s.
const FAST = { speed: 120, ratePerSecond: 100, terminationWaitMinutes: 2 } as const;
const E2E_TIMEOUT_MS = 240_000;
// The action's own mermaid check (mermaid's parser under jsdom, in a child process): one home for it.
const mermaidTasksScript = new URL('../../pipeline-action/tests/support/mermaid-tasks.mjs', import.meta.url).pathname;

const mermaidTasks = async (diagram: string): Promise<{ tasks?: { name: string; section: string }[]; error?: string }> => {
  const child = promisify(execFile)(node24Path(), [mermaidTasksScript], { timeout: 60_000 });
  child.child.stdin?.end(diagram);
  return JSON.parse((await child).stdout) as { tasks?: { name: string; section: string }[]; error?: string };
};

describe('the job summary of every demo scenario, rendered as GitHub renders it', () => {
  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    '%s: the phases, the traffic steps and the hook checks render as tables and the timeline parses',
    async (_name, scenario) => {
      // Act
      const result = await runRehearsal({ ...FAST, scenario: scenario.name, print: () => undefined });
      const summary = result.action.main.summary;
      const html = await marked.parse(summary, { gfm: true });
      const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(summary)?.[1] ?? '';
      const parsed = await mermaidTasks(diagram);

      // Assess
      expect(html).toContain('<th>Phase</th>');
      expect(html).toMatch(/<td>BeforeInstall<\/td>\s*<td>\d\d:\d\d:\d\d<\/td>/);
      expect(html).toMatch(/<td>production<\/td>\s*<td>[^<]*\d+%<\/td>/);
      if (scenario.cancelDuringShift) {
        // CodeDeploy may already have marked the interrupted event Failed when the step takes its last look.
        expect(html).toMatch(/<td>AllowTraffic<\/td>(\s*<td>[^<]*<\/td>){3}\s*<td>(🔄 InProgress ⏸ <strong>current<\/strong> \(the step ended: workflow cancelled\)|❌ Failed)/);
      } else {
        expect(html).toMatch(/<td>AfterAllowTestTraffic<\/td>\s*<td>health<\/td>\s*<td>\d+<\/td>/);
      }
      if (scenario.greenFailsCheck) expect(html).toMatch(/<strong>Failed at AfterAllowTestTraffic<\/strong>/);
      if (!scenario.cancelDuringShift && !scenario.greenFailsCheck) expect(html).toMatch(/Traffic: test traffic to Green 100% at \d\d:\d\d:\d\d · production [^<]*Green 100% at/);
      expect(parsed.error).toBeUndefined();
      expect(parsed.tasks?.some((task) => task.section === 'Deployment' && task.name.endsWith('BeforeInstall'))).toBe(true);
      expect(parsed.tasks?.some((task) => task.section === 'Traffic' && task.name.startsWith('🔀 production'))).toBe(true);
    },
    E2E_TIMEOUT_MS,
  );
});
