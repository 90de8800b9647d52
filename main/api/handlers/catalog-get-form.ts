import type { CatalogService } from '../../services/catalog-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `catalog.getForm`: what a journey collects for an item or a bundle, or `found: false`. */
export function catalogGetForm(catalog: Pick<CatalogService, 'form'>): KioskApiHandlers['catalog.getForm'] {
  return ({ itemCode }) => {
    const form = catalog.form(itemCode);
    return form ? { found: true, form } : { found: false };
  };
}
