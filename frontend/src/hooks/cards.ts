import { api, unwrap } from '../api/client';
import type { ContactFilter } from './contacts';
import { compact } from './list';

/** Hands a file the server made to the browser as a download. */
function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads the contact cards (one .vcf file) of the contacts list as
 * filtered: a manager's bulk export, refused by the server past its limit
 * (an ApiError). A read: no cached server state goes stale.
 */
export async function saveContactCards(filter: ContactFilter): Promise<void> {
  const blob = await unwrap(api.GET('/api/v1/contacts/vcard', { params: { query: compact(filter) }, parseAs: 'blob' }));
  saveFile(blob as Blob, 'contacts.vcf');
}
