import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { node24Path } from '@greenlight/testkit';
import { codeBlock, inlineText } from '../../src/markdown.js';
import { MAX_SUMMARY_BYTES, renderSummary } from '../../src/summary.js';
import { actionRun, executionReport } from './runs.js';

const GANTT_KEYWORDS = [
  'title', 'excludes', 'includes', 'dateFormat', 'axisFormat', 'tickInterval', 'todayMarker', 'weekday', 'weekend',
  'click', 'section', 'inclusiveEndDates', 'topAxis', 'accTitle', 'accDescr', 'displayMode',
] as const;

const report = executionReport;

const mermaidBlock = (markdown: string): string => /```mermaid\n([\s\S]*?)\n```/.exec(markdown)?.[1] ?? '';

const parseWithMermaid = async (diagram: string): Promise<{ tasks?: { name: string; section: string }[]; error?: string }> => {
  const script = new URL('../support/mermaid-tasks.mjs', import.meta.url).pathname;
  const child = promisify(execFile)(node24Path(), [script], { timeout: 60_000 });
  child.child.stdin?.end(diagram);
  return JSON.parse((await child).stdout) as { tasks?: { name: string; section: string }[]; error?: string };
};

describe('the job summary with text from AWS', () => {
  it('escapes Markdown and HTML in messages so they render as text', () => {
    // Prepare
    const failed = actionRun({ stageName: 'Build', actionName: 'Build', status: 'Failed', errorMessage: '<img src=x onerror=alert(1)> **bold** [x](https://evil) | `c`' });

    // Act
    const markdown = renderSummary(report({ runs: [failed], failedRun: failed }));

    // Assess
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt; \\*\\*bold\\*\\* \\[x\\](https://evil) \\| \\`c\\`');
  });

  it('escapes an ECS service deployment\'s stages and statusReason in its section', () => {
    // Prepare
    const serviceDeployment = {
      serviceDeploymentArn: 'arn:aws:ecs:eu-west-1:123456789012:service-deployment/app/app/abc',
      status: 'ROLLBACK_SUCCESSFUL',
      statusReason: '<script>x</script> | **hook** failed',
      createdAt: new Date('2026-11-26T10:00:00Z'),
      finishedAt: undefined,
      stages: [{ stage: 'POST_TEST_TRAFFIC_SHIFT', seenAt: new Date('2026-11-26T10:00:30Z') }],
      failedHook: undefined,
      lambdaHookArns: [],
      traffic: [],
    };

    // Act
    const markdown = renderSummary(report({ serviceDeployment }));

    // Assess
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('| POST\\_TEST\\_TRAFFIC\\_SHIFT | 10:00:30 |');
    expect(markdown).toContain('Status **ROLLBACK\\_SUCCESSFUL**: &lt;script&gt;x&lt;/script&gt; \\| \\*\\*hook\\*\\* failed');
  });

  it('fences a build log with more backticks than any run inside it', () => {
    // Act
    const block = codeBlock(['````', '```` ends here?']);

    // Assess
    expect(block).toEqual(['`````text', '````', '```` ends here?', '`````']);
  });

  it('keeps a line break or a leading list marker from leaving its table cell or paragraph', () => {
    // Act
    const texts = ['# heading\n| row |', '1. item', '- item'].map(inlineText);

    // Assess
    expect(texts).toEqual(['\\# heading \\| row \\|', '1\\. item', '\\- item']);
  });

  it('stays under its size limit with 30 build log lines of 40 KB, and says what was cut', () => {
    // Prepare
    const failed = actionRun({ stageName: 'Build', actionName: 'Build', status: 'Failed', errorMessage: 'x'.repeat(40_000) });
    const lines = Array.from({ length: 30 }, (_unused, index) => `${index} ${'y'.repeat(40_000)}`);

    // Act
    const markdown = renderSummary(report({ runs: [failed], failedRun: failed, buildLog: { lines, note: undefined } }));

    // Assess
    expect(Buffer.byteLength(markdown)).toBeLessThan(MAX_SUMMARY_BYTES);
    expect(Buffer.byteLength(markdown)).toBeLessThan(80_000);
    expect(markdown).toContain('(38000 characters cut)');
    expect(markdown.split('\n').every((line) => line.length < 2_100)).toBe(true);
  });

  it('draws a timeline mermaid parses with every action named as a gantt keyword', async () => {
    // Prepare
    const runs = GANTT_KEYWORDS.map((name, index) =>
      actionRun({ stageName: index % 2 === 0 ? 'section' : 'title', actionName: name, startTime: new Date(Date.UTC(2026, 10, 26, 10, index)) }),
    );

    // Act
    const parsed = await parseWithMermaid(mermaidBlock(renderSummary(report({ runs }))));

    // Assess
    expect(parsed.error).toBeUndefined();
    expect(parsed.tasks?.map((task) => task.name)).toEqual(GANTT_KEYWORDS.map((name) => `✅ ${name}`));
    expect(new Set(parsed.tasks?.map((task) => task.section))).toEqual(new Set(['section', 'title']));
  });

  it('draws the deployment\'s phases and traffic as their own sections mermaid parses, whatever their names', async () => {
    // Prepare
    const at = (second: number): Date => new Date(Date.UTC(2026, 10, 26, 10, 0, second));
    const runs = [actionRun({ stageName: 'Deploy', actionName: 'Deploy' })];
    const phases = GANTT_KEYWORDS.map((name, index) => ({ name: `${name} %% :x; #y`, start: at(index), end: at(index + 1), status: 'Succeeded' }));
    const traffic = [{ at: at(3), listener: 'production' as const, weights: [{ target: 'click: #1 %%', weight: 10 }, { target: 'BLUE', weight: 90 }] }];

    // Act
    const parsed = await parseWithMermaid(mermaidBlock(renderSummary(report({ runs, deploymentId: 'd-1', deploymentStory: { phases, traffic, hookChecks: undefined } }))));

    // Assess
    expect(parsed.error).toBeUndefined();
    expect(parsed.tasks?.filter((task) => task.section === 'Deployment').map((task) => task.name)).toEqual(GANTT_KEYWORDS.map((name) => `✅ ${name}     x   y`));
    expect(parsed.tasks?.filter((task) => task.section === 'Traffic').map((task) => task.name)).toEqual(['🔀 production click   1 10％ · BLUE 90％']);
  });
});
