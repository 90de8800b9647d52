// The part of a logger the Electron shell uses: pino's (fields, message) shape, so the kiosk's pino logger fits as is
// and tests can pass a recorder. Fields must never carry personal data; the shell logs origins, not full URLs.
export interface ShellLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
