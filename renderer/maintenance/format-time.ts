/** A time of day (with the date when not today) in the screen's language; `never` text when absent. */
export function formatTime(iso: string | null, language: string, never = '—'): string {
  if (iso === null) return never;
  const at = new Date(iso);
  const today = at.toDateString() === new Date().toDateString();
  return at.toLocaleString(language, today ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
