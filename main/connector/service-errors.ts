// Errors the connector service raises for the operator to act on: a stable `code` (its HTTP status is
// in the one code table, main/errors) and a sentence that says what to do next. Never carries a secret.
import { CodedError } from '../errors/coded-error';

export class ConnectorError extends CodedError {
  override readonly name = 'ConnectorError';
}

export const connectorErrors = {
  mailjetKeysInvalid: () =>
    new ConnectorError('mailjet_credentials_invalid', 'Mailjet refused these keys, so nothing was saved. Copy both the API key and the secret key from Mailjet > Account settings > REST API keys (API key management), check the key is active, and save again.',
    ),
  mailjetKeysIncomplete: () =>
    new ConnectorError('mailjet_credentials_incomplete', 'Mailjet needs both the API key and the secret key, and one of them is not saved yet. Enter both keys and save again.',
    ),
  listNotFound: (listId: number) =>
    new ConnectorError('list_not_found', `Mailjet has no live contact list ${listId} (it may have been deleted). Pick another list, or create one.`),
  payloadInvalid: (detail: string) => new ConnectorError('preview_payload_invalid', `${detail} Paste the JSON payload as sent, and try again.`),
  eventNotSelected: (eventType: string) =>
    new ConnectorError('event_not_selected', `The "${eventType}" event type is not selected for sending, so a test event would not be forwarded. Select it under "Send data to Segment" (Save events) and try again.`,
    ),
  /** `message` is the keychain's own: what to install or unlock. */
  keychainUnavailable: (message: string) => new ConnectorError('keychain_unavailable', message),
  writeKeyMissing: () =>
    new ConnectorError('segment_write_key_missing', 'No Segment write key is saved, so a test event could not reach Segment. Save the write key under Setup first.'),
};
