// Checks Mailjet keys with one cheap authenticated call before they are stored (saveCredentials stores
// only keys that work). The result says what to do next; it never contains the keys.
import { probeContactLists } from '../upstream/mailjet/contact-lists';
import { MailjetApiError, type MailjetErrorCode } from '../upstream/mailjet/mailjet-api-error';
import type { MailjetRest } from '../upstream/mailjet/rest-core';

export type CredentialCheck =
  | { state: 'ok' }
  | { state: 'invalid' | 'unreachable' | 'other'; code: MailjetErrorCode; message: string; retryable: boolean };

/** `rest` must be built with the candidate keys, not the stored ones. */
export async function checkMailjetCredentials(rest: MailjetRest): Promise<CredentialCheck> {
  try {
    await probeContactLists(rest);
    return { state: 'ok' };
  } catch (error) {
    if (!(error instanceof MailjetApiError)) throw error;
    const { code, message, retryable } = error;
    if (code === 'mailjet_credentials_invalid' || code === 'mailjet_credentials_missing') return { state: 'invalid', code, message, retryable };
    if (code === 'mailjet_unreachable') return { state: 'unreachable', code, message, retryable };
    return { state: 'other', code, message, retryable };
  }
}
