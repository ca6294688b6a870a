import { describe, expect, it } from 'vitest';
import { PcapCapture } from '../../src/output/pcap.ts';

describe('PcapCapture', () => {
  it('writes the classic pcap global header and one record per frame, byte for byte', () => {
    const c = new PcapCapture(10);
    c.write(1_500_002_000, new Uint8Array([1, 2, 3]));
    c.write(2_000_000_999, new Uint8Array([4, 5]));
    const hex = Buffer.from(c.bytes()).toString('hex');
    expect(hex).toBe(
      // magic a1b2c3d4 (LE), v2.4, thiszone 0, sigfigs 0, snaplen 65535, LINKTYPE_ETHERNET = 1
      'd4c3b2a1' + '0200' + '0400' + '00000000' + '00000000' + 'ffff0000' + '01000000' +
        // 1.500002 s: ts_sec 1, ts_usec 500002, incl_len 3, orig_len 3, data
        '01000000' + '22a10700' + '03000000' + '03000000' + '010203' +
        // 2.000000999 s: ts_usec truncates to 0
        '02000000' + '00000000' + '02000000' + '02000000' + '0405',
    );
  });

  it('keeps the first N frames, says when it is full, and copies what it is given', () => {
    const c = new PcapCapture(2);
    const buf = new Uint8Array([9, 9]);
    expect(c.write(0, buf)).toBe(true);
    buf[0] = 7;
    expect(c.write(1000, buf)).toBe(false);
    expect(c.write(2000, buf)).toBe(false);
    expect(c.frameCount).toBe(2);
    const bytes = c.bytes();
    expect(Array.from(bytes.subarray(24 + 16, 24 + 18))).toEqual([9, 9]);
    expect(Array.from(bytes.subarray(24 + 18 + 16, 24 + 18 + 18))).toEqual([7, 9]);
    expect(bytes.length).toBe(24 + 2 * (16 + 2));
  });

  it('refuses a negative or fractional limit', () => {
    expect(() => new PcapCapture(-1)).toThrow(RangeError);
    expect(() => new PcapCapture(1.5)).toThrow(RangeError);
  });
});
