/**
 * The part of the kiosk's logger (pino) the citizen services use. The logger redacts personal data anyway; the
 * services put none in their fields to begin with (ids, codes and counts only).
 */
export interface ServiceLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
