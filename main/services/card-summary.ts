// What the services make of a card read: the masked summary the screen may show, the values a form may be filled
// with, the identity record stored (sealed) with a transaction, and the strings the logger must keep out of its lines.
import type { CardField, CardSummary } from '../../contracts/kiosk-api';
import type { IdCard } from '../../drivers/idcard/id-card-reader';
import { maskIdNumber } from '../../drivers/idcard/id-number';
import type { JsonObject } from '../outbox/outbox-types';

/** The holder's name as the card gives it: the Chinese one, else the English one. */
function holderName(card: IdCard): string {
  const text = card.text;
  switch (text.cardType) {
    case 'resident':
    case 'hkMacaoTaiwan':
      return text.name;
    case 'foreignPermanent2017':
    case 'foreignPermanent2023':
      return text.chineseName ?? text.englishName;
  }
}

/** The ID number, or for foreign permanent residents the card number. */
function documentNumber(card: IdCard): string {
  const text = card.text;
  return text.cardType === 'resident' || text.cardType === 'hkMacaoTaiwan' ? text.idNumber : text.cardNumber;
}

/** The newest address: the appended one when the card has it, else the printed one; none on foreign cards. */
function currentAddress(card: IdCard): string | undefined {
  const text = card.text;
  if (text.cardType !== 'resident' && text.cardType !== 'hkMacaoTaiwan') return undefined;
  return card.appendedAddress?.kind === 'address' ? card.appendedAddress.address : text.address;
}

/** For the screen (design.md, "Non-negotiables"): the number masked with the birth date hidden; no photo, no address. */
export function summarizeCard(card: IdCard): CardSummary {
  const text = card.text;
  return {
    cardType: text.cardType,
    name: holderName(card),
    maskedIdNumber: maskIdNumber(documentNumber(card)),
    gender: text.gender,
    ...(text.cardType === 'resident' ? { nation: text.nation.name } : {}),
  };
}

/** The value a form field asks for with `fromIdCard`; undefined when this card has no such field. */
export function cardFieldValue(card: IdCard, field: CardField): string | undefined {
  switch (field) {
    case 'idCard.name':
      return holderName(card);
    case 'idCard.idNumber':
      return documentNumber(card);
    case 'idCard.sex':
      return card.text.gender;
    case 'idCard.address':
      return currentAddress(card);
    case 'idCard.birthDate':
      return card.text.birthDate;
  }
}

/**
 * The card's text (and newest appended address) as JSON, stored sealed with a transaction. The photo and the
 * fingerprints are left out: the platform decides on the text, and what is not kept cannot leak.
 */
export function identityRecord(card: IdCard): JsonObject {
  const record = JSON.parse(JSON.stringify(card.text)) as JsonObject;
  if (card.appendedAddress?.kind === 'address') record.appendedAddress = card.appendedAddress.address;
  return { method: 'idCard', ...record };
}

/** Every string on the card a log line must not contain while the session lasts (main/logging/personal-values.ts). */
export function personalStrings(card: IdCard): string[] {
  const text = card.text;
  const values: (string | undefined)[] = [documentNumber(card), holderName(card), currentAddress(card)];
  switch (text.cardType) {
    case 'resident':
      values.push(text.address);
      break;
    case 'hkMacaoTaiwan':
      values.push(text.address, text.passNumber);
      break;
    case 'foreignPermanent2017':
    case 'foreignPermanent2023':
      values.push(text.englishName, text.chineseName);
      break;
  }
  return values.filter((value): value is string => value !== undefined);
}
