/** The rehearsal's human-readable output: titled sections, aligned fields and plain lines. */
interface RehearsalPrinter {
  readonly line: (text: string) => void;
  readonly section: (title: string) => void;
  readonly field: (name: string, value: string) => void;
}

const rehearsalPrinter = (print: (line: string) => void): RehearsalPrinter => ({
  line: print,
  section: (title) => print(`\n━━ ${title} ${'━'.repeat(Math.max(3, 72 - title.length))}`),
  field: (name, value) => print(`  ${name.padEnd(20)}${value}`),
});

export { rehearsalPrinter };
export type { RehearsalPrinter };
