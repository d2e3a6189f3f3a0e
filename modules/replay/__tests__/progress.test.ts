import { ProgressBar } from '../progress';

describe('ProgressBar', () => {
  it('draws bytes read against the total, at most every 100 ms, and erases itself', () => {
    const writes: string[] = [];
    const stream = { write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream;
    const bar = new ProgressBar(1000, 4, stream);
    bar.addBytes(500);
    bar.addBytes(100); // within 100 ms of the last draw: not drawn
    expect(writes).toEqual([`\r\x1b[K[${'#'.repeat(15)}${'-'.repeat(15)}] 50%  0/4 files`]);
    bar.clear();
    expect(writes[1]).toBe('\r\x1b[K');
  });
});
