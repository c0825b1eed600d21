import { describe, expect, it } from '@jest/globals';
import { effectiveValues, parseWorkflowCommands } from '../src/workflow-commands.js';

describe('parseWorkflowCommands reads output as the runner does', () => {
  it('reads an indented V2 command, since the runner trims leading whitespace first', () => {
    // Act
    const commands = parseWorkflowCommands('    ::warning title=a%3Ab::line%0Atwo\n');

    // Assess
    expect(commands).toEqual([{ command: 'warning', properties: { title: 'a:b' }, message: 'line\ntwo' }]);
  });

  it('reads a legacy ##[ command in the middle of a line and ignores unregistered names', () => {
    // Act
    const commands = parseWorkflowCommands('{"log": "x ##[warning]mid-line"}\n::not-a-command::x\n##[nope]y\n');

    // Assess
    expect(commands).toEqual([{ command: 'warning', properties: {}, message: 'mid-line"}' }]);
  });

  it('splits on CR as well as LF, so a carriage return starts a new line', () => {
    // Act
    const commands = parseWorkflowCommands('harmless\r::add-mask::secret\n');

    // Assess
    expect(commands.map((command) => command.command)).toEqual(['add-mask']);
  });

  it('ignores every command between stop-commands and its token, V1 included, and resumes after it', () => {
    // Prepare
    const output = [
      '::stop-commands::t0ken',
      '::set-output name=status::Succeeded',
      'x ##[save-state name=finished]true',
      '::stop-commands::other',
      '::T0KEN::',
      '::error::after',
    ].join('\n');

    // Act
    const commands = parseWorkflowCommands(output);

    // Assess
    expect(commands).toEqual([{ command: 'error', properties: {}, message: 'after' }]);
  });

  it('does not stop on an invalid token (empty, pause-logging, a command name)', () => {
    // Act
    const commands = parseWorkflowCommands('::stop-commands::\n::stop-commands::warning\n::notice::still read\n');

    // Assess
    expect(commands).toEqual([{ command: 'notice', properties: {}, message: 'still read' }]);
  });
});

describe('effectiveValues', () => {
  it('lets the file command win over a stdout command for the keys the file sets', () => {
    // Prepare
    const commands = parseWorkflowCommands('::save-state name=finished::true\n::save-state name=other::x\n');

    // Act
    const state = effectiveValues(commands, 'save-state', { finished: 'false' });

    // Assess
    expect(state).toEqual({ finished: 'false', other: 'x' });
  });
});
