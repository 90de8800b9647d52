// The certificates' statements (migration 4): issued inside the commit's transaction, read by the terminal that
// submitted the application and by the public verification page. Part of the one data-access layer (storage/).
import type { Certificate } from '../../contracts/sync-api';
import type { SqlExecutor } from './sql-client';

export interface CertificateRecord extends Certificate {
  terminalId: string;
  transactionId: string;
}

function toRecord(r: Record<string, unknown>): CertificateRecord {
  return {
    certificateNumber: r.certificate_number as string,
    verificationCode: r.verification_code as string,
    terminalId: r.terminal_id as string,
    transactionId: r.transaction_id as string,
    caseNumber: r.case_number as string,
    itemCode: r.item_code as string,
    itemName: r.item_name as string,
    title: r.title as string,
    holderMaskedName: r.holder_masked_name as string,
    issuer: r.issuer as string,
    issuedAt: (r.issued_at as Date).toISOString(),
    lines: r.lines as string[],
  };
}

export class CertificateQueries {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  /** False when the transaction has one already (a commit runs once, but a retried storage transaction may not). */
  async insert(c: CertificateRecord): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `INSERT INTO certificates (certificate_number, verification_code, terminal_id, transaction_id, case_number, item_code, item_name, title,
         holder_masked_name, issuer, issued_at, lines)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
      [c.certificateNumber, c.verificationCode, c.terminalId, c.transactionId, c.caseNumber, c.itemCode, c.itemName, c.title, c.holderMaskedName,
        c.issuer, new Date(c.issuedAt), JSON.stringify(c.lines)],
    );
    return rowCount === 1;
  }

  async ofTransaction(terminalId: string, transactionId: string): Promise<CertificateRecord | undefined> {
    const { rows } = await this.#db.query('SELECT * FROM certificates WHERE terminal_id = $1 AND transaction_id = $2', [terminalId, transactionId]);
    return rows[0] && toRecord(rows[0]);
  }

  async byVerificationCode(code: string): Promise<CertificateRecord | undefined> {
    const { rows } = await this.#db.query('SELECT * FROM certificates WHERE verification_code = $1', [code]);
    return rows[0] && toRecord(rows[0]);
  }
}
