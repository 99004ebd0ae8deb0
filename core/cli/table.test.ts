/** The CLI's one table: usage, flag checks and dispatch all come from it. */
import { describe, expect, it } from 'vitest';
import { checkFlags, findCommand, usage, UsageError, type CommandSpec, type FlagSpec } from './table.js';

const FLAGS = { json: { type: 'boolean' }, data: { type: 'string', value: 'DIR' }, pdf: { type: 'string', value: 'OUT.pdf' }, help: { type: 'boolean' } } satisfies Record<string, FlagSpec>;
type F = keyof typeof FLAGS;
const run = () => 0;
const COMMANDS: CommandSpec<F, unknown>[] = [
  { words: ['show'], args: '<id>', flags: ['json', 'data'], run },
  { words: ['print', 'sheet'], args: '<id>', flags: ['pdf', 'data'], required: ['pdf'], run },
  { words: ['print'], flags: [], run },
];

describe('the command table', () => {
  it('writes the usage from the table', () => {
    expect(usage('cli', FLAGS, COMMANDS).split('\n')).toEqual(['usage:', '  cli show <id> [--json] [--data DIR]', '  cli print sheet <id> --pdf OUT.pdf [--data DIR]', '  cli print']);
  });

  it('finds the longest command the words name, and passes on the rest', () => {
    expect(findCommand(COMMANDS, ['print', 'sheet', 'x'])).toMatchObject({ command: { words: ['print', 'sheet'] }, rest: ['x'] });
    expect(findCommand(COMMANDS, ['print', 'booklet'])).toMatchObject({ command: { words: ['print'] }, rest: ['booklet'] });
    expect(findCommand(COMMANDS, ['frobnicate'])).toBeNull();
  });

  it('refuses a flag the command does not take, naming the ones it does, and a missing required flag', () => {
    const show = COMMANDS[0]!;
    const sheet = COMMANDS[1]!;
    expect(() => checkFlags('cli', FLAGS, show, { json: true, data: '/d' })).not.toThrow();
    expect(() => checkFlags('cli', FLAGS, show, { json: false, pdf: 'x.pdf' })).toThrow(UsageError);
    expect(() => checkFlags('cli', FLAGS, show, { pdf: 'x.pdf' })).toThrow(/show does not take --pdf; it takes --json, --data/);
    expect(() => checkFlags('cli', FLAGS, sheet, {})).toThrow(/print sheet needs --pdf OUT\.pdf/);
    expect(() => checkFlags('cli', FLAGS, sheet, { pdf: 'x.pdf' })).not.toThrow();
  });
});
