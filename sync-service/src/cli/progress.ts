/** A one-line progress indicator on stderr (a bar on a terminal, a line every 10 % otherwise). */
export function progressLine(label: string): { update(done: number, total: number, phase?: string): void; end(): void } {
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  return {
    update(done, total, phase = '') {
      const ratio = total === 0 ? 1 : done / total;
      if (tty) {
        const width = 30;
        const bar = '█'.repeat(Math.round(ratio * width)).padEnd(width, '·');
        process.stderr.write(`\r${label} ${phase.padEnd(5)} ${bar} ${done}/${total}`);
        return;
      }
      const decile = Math.floor(ratio * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${label} ${phase} ${done}/${total}\n`);
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}
