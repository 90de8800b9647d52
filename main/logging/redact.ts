// Removes personal data from anything about to be logged (design.md, "No personal data in logs, ever").
//
// Pure and environment-neutral: returns a redacted copy, never changes its input, never throws. Three rules:
//   1. by key: the value of a personal field (name, address, idNumber, phone, photo...) becomes '[REDACTED]' whole,
//      whatever its type, at any depth;
//   2. by pattern: in every string (messages, Error messages and stacks, keys too) mainland ID numbers become '[ID]',
//      mobile and landline numbers '[PHONE]', e-mail addresses '[EMAIL]', inline images and long base64 '[DATA]';
//   3. by value: strings known to be personal become '[REDACTED]' wherever they occur: those the caller passes (the
//      card holder's name and address, which no pattern recognises in free text) and those the value itself holds
//      under a personal key (`{ name, msg: `${name} signed in` }`, an Error whose stack repeats a personal field).
// Nothing of a masked value is kept: a log never needs any part of it. Patterns only match whole runs (lookarounds
// refuse a match inside a longer run of letters and digits), and an ID must have a plausible birth date, so
// timestamps, UUIDs, hashes and ports pass unchanged.

export const REDACTED = '[REDACTED]';

export interface RedactOptions {
  /** Values known to be personal (e.g. from the ID card just read); removed wherever they occur in a string. */
  knownValues?: Iterable<string>;
}

// ---- rule 2: patterns ----

/** Not preceded / followed by a letter or digit: the match is a whole run, not part of a longer token. */
const START = '(?<![0-9A-Za-z])';
const END = '(?![0-9A-Za-z])';
const SEP = '[ -]?';
const DATE_MMDD = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';

const patterns: readonly (readonly [RegExp, string])[] = [
  // Inline images (a base64 photo in a data: URL) and long base64 or base64url runs: never useful in a log.
  [/data:[\w/+.-]+;base64,[A-Za-z0-9+/=_-]*/g, '[DATA]'],
  [/(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{200,}={0,2}/g, '[DATA]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[EMAIL]'],
  // 18-digit ID (GB 11643): region, yyyymmdd, sequence, check digit or X; printed groups 6-8-4 may be spaced.
  [new RegExp(`${START}[1-9]\\d{5}${SEP}(?:18|19|20)\\d{2}${DATE_MMDD}${SEP}\\d{3}[0-9Xx]${END}`, 'g'), '[ID]'],
  // 15-digit ID (before 1999): region, yymmdd, sequence.
  [new RegExp(`${START}[1-9]\\d{5}\\d{2}${DATE_MMDD}\\d{3}${END}`, 'g'), '[ID]'],
  // Mobile: 1[3-9] and 9 digits, optionally +86 / 0086 / 86, grouped 3-4-4 with spaces or dashes.
  [new RegExp(`${START}(?:(?:\\+|00)?86${SEP})?1[3-9]\\d(?:${SEP}\\d{4}){2}${END}`, 'g'), '[PHONE]'],
  // Landline: area code 0xx(x), optionally in parentheses or after +86, then 7-8 digits and an extension.
  [
    new RegExp(
      `${START}(?:(?:\\+|00)86${SEP}(?:\\(0\\)${SEP}|0)?[1-9]\\d{1,2}|\\(0[1-9]\\d{1,2}\\)|0[1-9]\\d{1,2})${SEP}[1-9]\\d{6,7}(?:-\\d{1,6})?${END}`,
      'g',
    ),
    '[PHONE]',
  ],
];

function maskPatterns(text: string): string {
  // Every pattern needs a digit, an '@' or a long run; most log strings have none and skip the regexes.
  if (text.length < 200 && !/[\d@]/.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

// ---- rule 1: keys ----

/** Personal fields by name, compared lower-case without '_', '-' or spaces; pinyin initials used by 政务 systems included. */
const personalKeys = new Set([
  // names
  'name', 'fullname', 'realname', 'partyname', 'applicantname', 'contactname', 'agentname', 'holdername',
  'legalrepresentative', 'legalrepname', 'legalpersonname', 'guardianname', 'spousename', 'personname', 'englishname',
  'chinesename', 'xm',
  // addresses
  'address', 'addr', 'homeaddress', 'contactaddress', 'residenceaddress', 'permanentaddress', 'domicile',
  // identity documents
  'idnumber', 'idno', 'idcard', 'idcardno', 'idcardnumber', 'certno', 'certnumber', 'certificateno',
  'certificatenumber', 'cardno', 'cardnumber', 'passportno', 'sfzh', 'sfzhm', 'zjhm',
  // phones and mail
  'phone', 'phonenumber', 'mobile', 'tel', 'telephone', 'cellphone', 'contactphone', 'lxdh', 'sjh', 'sjhm', 'email',
  // birth, ethnicity
  'birthdate', 'birthday', 'dateofbirth', 'dob', 'csrq', 'ethnicity',
  // biometrics and images of the person
  'photo', 'face', 'faceimage', 'facephoto', 'portrait', 'signature', 'fingerprint',
]);
/**
 * Last words that make any key personal: contactPhone, applicant_id_number, homeAddress (not microphone). Not 'name':
 * fileName, printerName, itemName are what make a log useful.
 */
const personalTails = ['phone', 'mobile', 'tel', 'idnumber', 'idno', 'idcardno', 'certno', 'email', 'birthdate', 'address', 'photo'];
/** Network addresses are needed to debug the kiosk. */
const notPersonal = new Set(['ipaddress', 'macaddress', 'remoteaddress', 'localaddress', 'serveraddress', 'bindaddress', 'listenaddress', 'hostaddress']);

export function isPersonalKey(key: string): boolean {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_-]+/).filter(Boolean);
  const whole = words.join('');
  if (personalKeys.has(whole)) return true;
  if (notPersonal.has(whole)) return false;
  return words.some((_, i) => personalTails.includes(words.slice(i).join('')));
}

// ---- walking values ----

const MAX_DEPTH = 32;

interface Context {
  known: readonly string[];
  /** The objects on the path from the root: meeting one again is a cycle. */
  ancestors: Set<object>;
}

/**
 * Long enough to be worth removing everywhere: a Chinese name has two characters, but a short Latin string ('ok',
 * 'N/A', 'Li') would cut into ordinary words.
 */
function isDistinctive(value: string): boolean {
  const length = [...value].length;
  return /[^\p{ASCII}]/u.test(value) ? length >= 2 : length >= 4;
}

function prepareKnown(values: Iterable<string> | undefined): string[] {
  if (!values) return [];
  const distinct = new Set<string>();
  for (const value of values) if (typeof value === 'string' && isDistinctive(value.trim())) distinct.add(value.trim());
  // Longest first, so a value containing another is removed whole.
  return [...distinct].sort((a, b) => b.length - a.length);
}

function maskString(text: string, context: Context): string {
  let out = text;
  for (const value of context.known) if (out.includes(value)) out = out.split(value).join(REDACTED);
  return maskPatterns(out);
}

function isError(value: object): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

/** An Error as plain data, in the shape pino's serializer gives it: type, message, stack, cause, own fields. */
function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    type: error.constructor?.name || error.name,
    message: error.message,
    stack: error.stack,
  };
  if ('cause' in error && error.cause !== undefined) fields.cause = error.cause;
  if (error instanceof AggregateError) fields.errors = error.errors;
  for (const key of Object.keys(error)) if (!(key in fields)) fields[key] = (error as unknown as Record<string, unknown>)[key];
  return fields;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty: a "__proto__" key stays data instead of becoming the copy's prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function redactObject(source: object, entries: Iterable<[string, unknown]>, context: Context, depth: number): Record<string, unknown> {
  context.ancestors.add(source);
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const safeKey = maskString(key, context);
    setOwn(out, safeKey, isPersonalKey(key) && value !== null && value !== undefined ? REDACTED : walk(value, context, depth + 1));
  }
  context.ancestors.delete(source);
  return out;
}

function* ownEntries(value: object): Generator<[string, unknown]> {
  for (const key of Object.keys(value)) {
    let child: unknown;
    try {
      child = (value as Record<string, unknown>)[key];
    } catch {
      child = '[Unreadable]'; // a throwing getter
    }
    yield [key, child];
  }
}

function walk(value: unknown, context: Context, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return maskString(value, context);
    case 'number':
    case 'bigint': {
      // A phone or an ID can arrive as a number (11 digits or more); other numbers come back unchanged.
      const text = String(value);
      if (text.length < 11) return value;
      const masked = maskPatterns(text);
      return masked === text ? value : masked;
    }
    case 'object':
      break;
    default:
      return value; // boolean, undefined, symbol, function
  }
  if (value === null || value instanceof Date) return value;
  if (context.ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
    // Raw bytes (a card frame, an image) cannot be scanned; their size is all a log needs.
    return `[Binary ${value.byteLength} bytes]`;
  }
  if (Array.isArray(value) || value instanceof Set) {
    context.ancestors.add(value);
    const out = Array.from(value as Iterable<unknown>, (item) => walk(item, context, depth + 1));
    context.ancestors.delete(value);
    return out;
  }
  if (value instanceof Map) {
    const entries = Array.from(value, ([k, v]): [string, unknown] => [typeof k === 'string' ? k : String(walk(k, context, depth + 1)), v]);
    return redactObject(value, entries, context, depth);
  }
  if (isError(value)) return redactObject(value, Object.entries(errorFields(value)), context, depth);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    // What JSON.stringify would write (a URL's href, say), then redacted like everything else.
    context.ancestors.add(value);
    const out = walk(toJSON.call(value), context, depth + 1);
    context.ancestors.delete(value);
    return out;
  }
  return redactObject(value, ownEntries(value), context, depth);
}

/** Strings (and numbers) held under personal keys anywhere in `value`: rule 3 removes them from the other strings. */
function collectPersonal(value: unknown, found: Set<string>, seen: Set<object>, depth: number): void {
  if (typeof value !== 'object' || value === null || seen.has(value) || depth >= MAX_DEPTH) return;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date) return;
  seen.add(value);
  const entries: Iterable<[unknown, unknown]> =
    value instanceof Map ? value : Array.isArray(value) || value instanceof Set ? [...value].map((v) => [undefined, v]) : isError(value) ? Object.entries(errorFields(value)) : ownEntries(value);
  for (const [key, child] of entries) {
    if (typeof key === 'string' && isPersonalKey(key) && (typeof child === 'string' || typeof child === 'number')) found.add(String(child));
    else collectPersonal(child, found, seen, depth + 1);
  }
}

/** A redacted copy of a string. */
export function redactString(text: string, options: RedactOptions = {}): string {
  return maskString(text, { known: prepareKnown(options.knownValues), ancestors: new Set() });
}

/**
 * A redacted copy of any value, as plain data: Errors become `{ type, message, stack, cause, ... }`, Maps objects,
 * Sets arrays, binary data a size, cycles '[Circular]'.
 */
export function redact(value: unknown, options: RedactOptions = {}): unknown {
  try {
    const found = new Set<string>(options.knownValues);
    collectPersonal(value, found, new Set(), 0);
    return walk(value, { known: prepareKnown(found), ancestors: new Set() }, 0);
  } catch {
    // A hostile object (a throwing Proxy) must not take the logger down, nor get logged raw.
    return '[Unloggable]';
  }
}
