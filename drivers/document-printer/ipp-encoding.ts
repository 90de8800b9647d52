// IPP/1.1 and 2.0 message encoding (RFC 8010 §3): what CUPS and IPP printers speak over HTTP.
//
// The decoder never throws: whatever a server sends (truncated, garbage, hostile) becomes a typed error. Collections
// are decoded (CUPS sends them in Get-Printer-Attributes), nested at most MAX_COLLECTION_DEPTH deep.

/** Delimiter tags (RFC 8010 §3.5.1). */
export const GroupTag = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
} as const;

/** Value tags (RFC 8010 §3.5.2) the kiosk encodes or reads. */
export const ValueTag = {
  unsupported: 0x10,
  unknown: 0x12,
  noValue: 0x13,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  dateTime: 0x31,
  resolution: 0x32,
  rangeOfInteger: 0x33,
  begCollection: 0x34,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  endCollection: 0x37,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  uriScheme: 0x46,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
  memberAttrName: 0x4a,
  extension: 0x7f,
} as const;

export type IppValue =
  | { kind: 'integer'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'octets'; value: Uint8Array }
  | { kind: 'dateTime'; value: string }
  | { kind: 'resolution'; x: number; y: number; units: number }
  | { kind: 'range'; lower: number; upper: number }
  | { kind: 'collection'; value: Map<string, IppAttribute> }
  /** unsupported, unknown, no-value and the other out-of-band tags: the attribute has no value. */
  | { kind: 'outOfBand' };

export interface IppAttribute {
  tag: number;
  values: IppValue[];
}

export interface IppGroup {
  tag: number;
  attributes: Map<string, IppAttribute>;
}

export interface IppMessage {
  /** e.g. 0x0200 for IPP/2.0. */
  version: number;
  /** Operation id in a request, status code in a response. */
  code: number;
  requestId: number;
  groups: IppGroup[];
  /** Bytes after end-of-attributes: the document in a request. */
  data: Uint8Array;
}

/** One attribute to encode; strings use UTF-8 (keywords and URIs are ASCII anyway). */
export interface IppOutAttribute {
  name: string;
  tag: number;
  values: (string | number | boolean)[];
}

export interface IppRequest {
  version?: number;
  operation: number;
  requestId: number;
  groups: { tag: number; attributes: IppOutAttribute[] }[];
  data?: Uint8Array;
}

const MAX_COLLECTION_DEPTH = 8;
const encoder = new TextEncoder();

function encodeValue(tag: number, value: string | number | boolean): Uint8Array {
  if (tag === ValueTag.integer || tag === ValueTag.enum) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
      throw new RangeError(`IPP integer out of range: ${String(value)}`);
    }
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setInt32(0, value);
    return bytes;
  }
  if (tag === ValueTag.boolean) {
    if (typeof value !== 'boolean') throw new TypeError('IPP boolean expects a boolean');
    return Uint8Array.of(value ? 1 : 0);
  }
  if (typeof value !== 'string') throw new TypeError(`IPP tag 0x${tag.toString(16)} expects a string`);
  return encoder.encode(value);
}

function pushShort(out: number[], n: number): void {
  out.push((n >> 8) & 0xff, n & 0xff);
}

function pushBytes(out: number[], bytes: Uint8Array): void {
  for (const b of bytes) out.push(b);
}

/** Encodes a request; throws only on programmer errors (a value that does not fit its tag). */
export function encodeIppRequest(request: IppRequest): Uint8Array {
  const out: number[] = [];
  pushShort(out, request.version ?? 0x0200);
  pushShort(out, request.operation);
  out.push((request.requestId >>> 24) & 0xff, (request.requestId >>> 16) & 0xff, (request.requestId >>> 8) & 0xff, request.requestId & 0xff);
  for (const group of request.groups) {
    out.push(group.tag);
    for (const attribute of group.attributes) {
      const name = encoder.encode(attribute.name);
      attribute.values.forEach((value, i) => {
        const bytes = encodeValue(attribute.tag, value);
        if (bytes.length > 0xffff) throw new RangeError(`IPP value of ${attribute.name} is too long`);
        out.push(attribute.tag);
        // Additional values of a 1setOf attribute carry an empty name (RFC 8010 §3.1.5).
        pushShort(out, i === 0 ? name.length : 0);
        if (i === 0) pushBytes(out, name);
        pushShort(out, bytes.length);
        pushBytes(out, bytes);
      });
    }
  }
  out.push(GroupTag.end);
  const head = Uint8Array.from(out);
  if (!request.data) return head;
  const message = new Uint8Array(head.length + request.data.length);
  message.set(head);
  message.set(request.data, head.length);
  return message;
}

export type IppDecodeResult = { ok: true; message: IppMessage } | { ok: false; error: string };

class Reader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  offset = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.#bytes.length - this.offset;
  }

  need(n: number, what: string): void {
    if (this.remaining < n) throw new DecodeError(`truncated ${what} at byte ${this.offset}`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.#view.getUint8(this.offset++);
  }

  u16(what: string): number {
    this.need(2, what);
    const n = this.#view.getUint16(this.offset);
    this.offset += 2;
    return n;
  }

  u32(what: string): number {
    this.need(4, what);
    const n = this.#view.getUint32(this.offset);
    this.offset += 4;
    return n;
  }

  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const slice = this.#bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return slice;
  }
}

class DecodeError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function decodeDateTime(b: Uint8Array): string {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const offset = `${String.fromCharCode(b[8] ?? 0x2b)}${pad(b[9] ?? 0)}:${pad(b[10] ?? 0)}`;
  return `${pad(view.getUint16(0), 4)}-${pad(b[2] ?? 0)}-${pad(b[3] ?? 0)}T${pad(b[4] ?? 0)}:${pad(b[5] ?? 0)}:${pad(b[6] ?? 0)}.${b[7] ?? 0}${offset}`;
}

/** Decodes one value of a non-collection tag. */
function decodeScalar(tag: number, b: Uint8Array, name: string): IppValue {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const fixed = (length: number) => {
    if (b.length !== length) throw new DecodeError(`${name}: value of tag 0x${tag.toString(16)} must be ${length} bytes, not ${b.length}`);
  };
  if (tag >= 0x10 && tag <= 0x1f) return { kind: 'outOfBand' };
  switch (tag) {
    case ValueTag.integer:
    case ValueTag.enum:
      fixed(4);
      return { kind: 'integer', value: view.getInt32(0) };
    case ValueTag.boolean:
      fixed(1);
      return { kind: 'boolean', value: b[0] !== 0 };
    case ValueTag.dateTime:
      fixed(11);
      return { kind: 'dateTime', value: decodeDateTime(b) };
    case ValueTag.resolution:
      fixed(9);
      return { kind: 'resolution', x: view.getInt32(0), y: view.getInt32(4), units: b[8] ?? 0 };
    case ValueTag.rangeOfInteger:
      fixed(8);
      return { kind: 'range', lower: view.getInt32(0), upper: view.getInt32(4) };
    case ValueTag.textWithLanguage:
    case ValueTag.nameWithLanguage: {
      // language-length, language, text-length, text (RFC 8010 §3.9); the kiosk keeps the text.
      if (b.length < 4) throw new DecodeError(`${name}: short ${tag === ValueTag.textWithLanguage ? 'textWithLanguage' : 'nameWithLanguage'}`);
      const languageLength = view.getUint16(0);
      if (2 + languageLength + 2 > b.length) throw new DecodeError(`${name}: bad language length`);
      const textLength = view.getUint16(2 + languageLength);
      if (4 + languageLength + textLength !== b.length) throw new DecodeError(`${name}: bad text length`);
      return { kind: 'string', value: utf8.decode(b.subarray(4 + languageLength)) };
    }
    default:
      if ((tag >= 0x40 && tag <= 0x5f) || tag === ValueTag.memberAttrName) return { kind: 'string', value: utf8.decode(b) };
      return { kind: 'octets', value: Uint8Array.from(b) };
  }
}

/** One raw (tag, name, value) triple of the wire format. */
interface RawField {
  tag: number;
  name: string;
  value: Uint8Array;
}

function readField(reader: Reader, tag: number): RawField {
  const nameLength = reader.u16('name-length');
  const name = utf8.decode(reader.bytes(nameLength, 'name'));
  const valueLength = reader.u16('value-length');
  const value = reader.bytes(valueLength, 'value');
  if (tag === ValueTag.extension) {
    // The real tag is the first four bytes of the value (RFC 8010 §3.5.2); the kiosk keeps such values as octets.
    if (value.length < 4) throw new DecodeError(`${name}: extension tag without its 4-byte tag`);
  }
  return { tag, name, value };
}

/** Reads the members of a collection whose begCollection has just been read, up to its endCollection. */
function readCollection(reader: Reader, depth: number, name: string): Map<string, IppAttribute> {
  if (depth > MAX_COLLECTION_DEPTH) throw new DecodeError(`${name}: collections nested deeper than ${MAX_COLLECTION_DEPTH}`);
  const members = new Map<string, IppAttribute>();
  let current: IppAttribute | undefined;
  for (;;) {
    const tag = reader.u8('collection member tag');
    if (tag <= 0x0f) throw new DecodeError(`${name}: collection not closed before delimiter 0x${tag.toString(16)}`);
    const field = readField(reader, tag);
    if (field.name.length !== 0) throw new DecodeError(`${name}: collection member value with a name`);
    if (tag === ValueTag.endCollection) return members;
    if (tag === ValueTag.memberAttrName) {
      const memberName = utf8.decode(field.value);
      if (memberName.length === 0) throw new DecodeError(`${name}: empty member name`);
      current = { tag: 0, values: [] };
      members.set(memberName, current);
      continue;
    }
    if (!current) throw new DecodeError(`${name}: collection value before any member name`);
    if (current.tag === 0) current.tag = tag;
    current.values.push(
      tag === ValueTag.begCollection ? { kind: 'collection', value: readCollection(reader, depth + 1, name) } : decodeScalar(tag, field.value, name),
    );
  }
}

export function decodeIppMessage(bytes: Uint8Array): IppDecodeResult {
  try {
    const reader = new Reader(bytes);
    const version = reader.u16('version-number');
    const code = reader.u16('status-code');
    const requestId = reader.u32('request-id');
    const groups: IppGroup[] = [];
    let group: IppGroup | undefined;
    let last: IppAttribute | undefined;
    for (;;) {
      const tag = reader.u8('tag');
      if (tag === GroupTag.end) break;
      if (tag <= 0x0f) {
        if (tag === 0x00) throw new DecodeError(`reserved delimiter 0x00 at byte ${reader.offset - 1}`);
        group = { tag, attributes: new Map() };
        groups.push(group);
        last = undefined;
        continue;
      }
      if (!group) throw new DecodeError('attribute before any group tag');
      if (tag === ValueTag.endCollection || tag === ValueTag.memberAttrName) throw new DecodeError(`collection tag 0x${tag.toString(16)} outside a collection`);
      const field = readField(reader, tag);
      const value: IppValue =
        tag === ValueTag.begCollection
          ? { kind: 'collection', value: readCollection(reader, 1, field.name) }
          : decodeScalar(tag, field.value, field.name);
      if (field.name.length === 0) {
        if (!last) throw new DecodeError('additional value without an attribute');
        last.values.push(value);
      } else {
        last = { tag, values: [value] };
        group.attributes.set(field.name, last);
      }
    }
    return { ok: true, message: { version, code, requestId, groups, data: bytes.subarray(reader.offset) } };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, error: error.message };
    throw error;
  }
}

// ---- reading decoded attributes ----

/** The attributes of the first group with this tag, or an empty map. */
export function groupOf(message: IppMessage, tag: number): Map<string, IppAttribute> {
  return message.groups.find((g) => g.tag === tag)?.attributes ?? new Map();
}

export function integersOf(attributes: Map<string, IppAttribute>, name: string): number[] {
  return (attributes.get(name)?.values ?? []).flatMap((v) => (v.kind === 'integer' ? [v.value] : []));
}

export function stringsOf(attributes: Map<string, IppAttribute>, name: string): string[] {
  return (attributes.get(name)?.values ?? []).flatMap((v) => (v.kind === 'string' ? [v.value] : []));
}

export function booleanOf(attributes: Map<string, IppAttribute>, name: string): boolean | undefined {
  const value = attributes.get(name)?.values[0];
  return value?.kind === 'boolean' ? value.value : undefined;
}
