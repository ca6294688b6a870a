import type { FrameSink } from '../model/extension.ts';

// Classic libpcap file format: https://www.tcpdump.org/manpages/pcap-savefile.5.html
// Global header (24 B): magic 0xa1b2c3d4 (microsecond timestamps), version 2.4, thiszone 0, sigfigs 0,
// snaplen, network = LINKTYPE_ETHERNET (1, https://www.tcpdump.org/linktypes.html).
// Record header (16 B): ts_sec, ts_usec, incl_len, orig_len. Written little-endian; readers detect the order
// from the magic number.

const PCAP_MAGIC_US = 0xa1b2c3d4;
const GLOBAL_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
const LINKTYPE_ETHERNET = 1;
const SNAPLEN = 65535;

/**
 * Captures the first `limitFrames` frames offered, with their simulated times, and renders them as a pcap file.
 * Frames are copied on write: callers may pass views into kernel memory that the next batch overwrites.
 */
export class PcapCapture implements FrameSink {
  private readonly limitFrames: number;
  private readonly frames: Uint8Array[] = [];
  private readonly timesNs: number[] = [];

  constructor(limitFrames: number) {
    if (!Number.isInteger(limitFrames) || limitFrames < 0) throw new RangeError(`pcap frame limit must be an integer ≥ 0, got ${limitFrames}`);
    this.limitFrames = limitFrames;
  }

  get frameCount(): number {
    return this.frames.length;
  }

  write(timeNs: number, frame: Uint8Array): boolean {
    if (this.frames.length >= this.limitFrames) return false;
    this.frames.push(frame.slice(0, Math.min(frame.length, SNAPLEN)));
    this.timesNs.push(timeNs);
    return this.frames.length < this.limitFrames;
  }

  /** The whole file: global header, then one record per frame. */
  bytes(): Uint8Array {
    let total = GLOBAL_HEADER_BYTES;
    for (const f of this.frames) total += RECORD_HEADER_BYTES + f.length;
    const out = new Uint8Array(total);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, PCAP_MAGIC_US, true);
    dv.setUint16(4, 2, true);
    dv.setUint16(6, 4, true);
    dv.setInt32(8, 0, true);
    dv.setUint32(12, 0, true);
    dv.setUint32(16, SNAPLEN, true);
    dv.setUint32(20, LINKTYPE_ETHERNET, true);
    let p = GLOBAL_HEADER_BYTES;
    this.frames.forEach((f, i) => {
      const ns = this.timesNs[i] ?? 0;
      const sec = Math.floor(ns / 1e9);
      const usec = Math.floor((ns - sec * 1e9) / 1e3);
      dv.setUint32(p, sec, true);
      dv.setUint32(p + 4, usec, true);
      dv.setUint32(p + 8, f.length, true);
      dv.setUint32(p + 12, f.length, true);
      out.set(f, p + RECORD_HEADER_BYTES);
      p += RECORD_HEADER_BYTES + f.length;
    });
    return out;
  }
}
