/** A one-line progress bar on stderr, redrawn at most 10 times a second; only used when stderr is a terminal. */
export class ProgressBar {
  private lastDraw = 0;
  private bytes = 0;
  private files = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly totalFiles: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  addBytes(n: number): void {
    this.bytes += n;
    this.draw(false);
  }

  fileDone(): void {
    this.files++;
    this.draw(false);
  }

  /** Erases the bar (before other output, and at the end). */
  clear(): void {
    this.stream.write('\r\x1b[K');
  }

  private draw(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const fraction = this.totalBytes > 0 ? Math.min(1, this.bytes / this.totalBytes) : this.files / Math.max(1, this.totalFiles);
    const width = 30;
    const filled = Math.round(fraction * width);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    this.stream.write(`\r\x1b[K[${bar}] ${(fraction * 100).toFixed(0)}%  ${this.files}/${this.totalFiles} files`);
  }
}
