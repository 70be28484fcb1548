/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3: local headers, central directory, end record;
 * no ZIP64, so under 4 GiB): enough to hand a script and its data files over as one
 * download. Entries are deflated with the platform's CompressionStream where it exists and
 * saves bytes, else stored. Timestamps are fixed (1980-01-01), so equal files give equal archives.
 */
export interface ZipEntry {
  /** Path inside the archive, with `/` between folders. */
  name: string;
  data: Uint8Array | string;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3), as ZIP stores it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Raw DEFLATE through CompressionStream, or null where the platform has none. */
async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array | null> {
  if (typeof CompressionStream === 'undefined' || typeof Blob === 'undefined' || typeof Response === 'undefined') return null;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

/** The entries as one ZIP archive. */
export async function zipFiles(entries: readonly ZipEntry[], options: { compress?: boolean } = {}): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const seen = new Set<string>();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (!entry.name || entry.name.startsWith('/') || entry.name.split('/').includes('..')) throw new Error(`zipFiles: ${JSON.stringify(entry.name)} is not a relative path inside the archive`);
    if (seen.has(entry.name)) throw new Error(`zipFiles: ${JSON.stringify(entry.name)} appears twice`);
    seen.add(entry.name);
    const name = encoder.encode(entry.name);
    const data = typeof entry.data === 'string' ? encoder.encode(entry.data) : entry.data;
    const crc = crc32(data);
    const deflated = options.compress === false ? null : await deflateRaw(data);
    const stored = !deflated || deflated.length >= data.length;
    const body = stored ? data : deflated;
    const fields = { method: stored ? 0 : 8, crc, compressed: body.length, size: data.length, nameLength: name.length };
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    writeCommon(lv, 4, fields);
    local.set(name, 30);
    const dir = new Uint8Array(46 + name.length);
    const dv = new DataView(dir.buffer);
    dv.setUint32(0, 0x02014b50, true);
    dv.setUint16(4, 20, true); // made by: MS-DOS attributes, version 2.0
    writeCommon(dv, 6, fields);
    dv.setUint32(42, offset, true);
    dir.set(name, 46);
    parts.push(local, body);
    central.push(dir);
    offset += local.length + body.length;
  }
  const dirSize = central.reduce((s, d) => s + d.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + dirSize + end.length);
  let o = 0;
  for (const p of [...parts, ...central, end]) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The fields a local header (at 4) and a central record (at 6) share, from "version needed" to the extra field's length. */
function writeCommon(v: DataView, at: number, f: { method: number; crc: number; compressed: number; size: number; nameLength: number }): void {
  v.setUint16(at, 20, true); // version needed: 2.0 (deflate)
  v.setUint16(at + 2, UTF8_NAMES, true);
  v.setUint16(at + 4, f.method, true);
  v.setUint16(at + 6, 0, true); // time 00:00
  v.setUint16(at + 8, DOS_DATE_1980_01_01, true);
  v.setUint32(at + 10, f.crc, true);
  v.setUint32(at + 14, f.compressed, true);
  v.setUint32(at + 18, f.size, true);
  v.setUint16(at + 22, f.nameLength, true);
  v.setUint16(at + 24, 0, true);
}
