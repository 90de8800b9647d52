// The simulated reader's side of the line: finds the host's command frames in a byte stream, written from the
// reference's "Framing" section on its own (not with the driver's decoder), so a framing mistake in the driver and
// one here would have to be made twice, independently, to go unnoticed.
//
//   AA AA AA 96 69 | Len1 Len2 | CMD Para | Data… | CHK      Len counts CMD..CHK; CHK = XOR of Len1..last data byte

const PREAMBLE = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
/** Host commands are short; a longer Len is noise, answered with a length error as the SAM does (SW3 0x11). */
const MAX_COMMAND_LEN = 64;

export type HostFrame =
  | { kind: 'command'; cmd: number; para: number; data: Uint8Array }
  /** SW3 0x10. */
  | { kind: 'checksumError' }
  /** SW3 0x11. */
  | { kind: 'lengthError' };

export class HostFrameScanner {
  #bytes: number[] = [];

  push(chunk: Uint8Array): HostFrame[] {
    for (const byte of chunk) this.#bytes.push(byte);
    const frames: HostFrame[] = [];
    for (;;) {
      const start = this.#preambleAt();
      if (start < 0) {
        // Keep only what could still be the start of a preamble.
        this.#bytes = this.#bytes.slice(-(PREAMBLE.length - 1));
        return frames;
      }
      this.#bytes = this.#bytes.slice(start);
      if (this.#bytes.length < 7) return frames;
      const len = ((this.#bytes[5] ?? 0) << 8) | (this.#bytes[6] ?? 0);
      if (len < 3 || len > MAX_COMMAND_LEN) {
        frames.push({ kind: 'lengthError' });
        this.#bytes = this.#bytes.slice(1);
        continue;
      }
      if (this.#bytes.length < 7 + len) return frames;
      const frame = this.#bytes.slice(0, 7 + len);
      this.#bytes = this.#bytes.slice(7 + len);
      let chk = 0;
      for (let i = 5; i < frame.length - 1; i++) chk ^= frame[i] ?? 0;
      if (chk !== frame[frame.length - 1]) frames.push({ kind: 'checksumError' });
      else frames.push({ kind: 'command', cmd: frame[7] ?? 0, para: frame[8] ?? 0, data: Uint8Array.from(frame.slice(9, -1)) });
    }
  }

  #preambleAt(): number {
    for (let i = 0; i + PREAMBLE.length <= this.#bytes.length; i++) {
      if (PREAMBLE.every((byte, k) => this.#bytes[i + k] === byte)) return i;
    }
    return -1;
  }
}
