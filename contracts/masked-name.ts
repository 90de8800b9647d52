// A person's name as it may appear on paper and on public pages (receipts, certificates, the verification page):
// the first and last character with one asterisk between, or the first and an asterisk for a two-character name.
// Characters are code points, so a name with 𠮷 (two UTF-16 units) is never cut in half. Shared by the kiosk and
// the platform, which both print or show it.

export function maskNameForPrint(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '*';
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}*${chars.at(-1)}`;
}
