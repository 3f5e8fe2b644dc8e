/** Keeps the last `capacity` bytes of output as a list of chunks. */
export class ReplayBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly capacity: number) {}

  append(data: Buffer): void {
    if (data.length >= this.capacity) {
      this.chunks = [Buffer.from(data.subarray(data.length - this.capacity))];
      this.size = this.capacity;
      return;
    }
    this.chunks.push(data);
    this.size += data.length;
    while (this.size > this.capacity) {
      const first = this.chunks[0]!;
      const excess = this.size - this.capacity;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
      }
    }
  }

  get length(): number {
    return this.size;
  }

  snapshot(): Buffer {
    const all = Buffer.concat(this.chunks, this.size);
    this.chunks = this.size ? [all] : [];
    return all;
  }
}
