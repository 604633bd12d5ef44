// Errors the connector service raises for the operator to act on: a stable `code`, the HTTP status the
// control API answers with, and a sentence that says what to do next. Never carries a secret.

export class ConnectorError extends Error {
  constructor(
    readonly code: string,
    /** Read by the control API (main/control/control-errors.ts) to pick the answer's status. */
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export const connectorErrors = {
  mailjetKeysInvalid: () =>
    new ConnectorError(
      'mailjet_credentials_invalid',
      400,
      'Mailjet refused these keys, so nothing was saved. Copy both the API key and the secret key from Mailjet > Account settings > REST API keys (API key management), check the key is active, and save again.',
    ),
  mailjetKeysIncomplete: () =>
    new ConnectorError(
      'mailjet_credentials_incomplete',
      400,
      'Mailjet needs both the API key and the secret key, and one of them is not saved yet. Enter both keys and save again.',
    ),
  listNotFound: (listId: number) =>
    new ConnectorError('list_not_found', 404, `Mailjet has no live contact list ${listId} (it may have been deleted). Pick another list, or create one.`),
  payloadInvalid: (detail: string) => new ConnectorError('preview_payload_invalid', 400, `${detail} Paste the JSON payload as sent, and try again.`),
  eventNotSelected: (eventType: string) =>
    new ConnectorError(
      'event_not_selected',
      409,
      `The "${eventType}" event type is not selected for sending, so a test event would not be forwarded. Select it under "Send data to Segment" (Save events) and try again.`,
    ),
  /** `message` is the keychain's own: what to install or unlock. */
  keychainUnavailable: (message: string) => new ConnectorError('keychain_unavailable', 503, message),
  writeKeyMissing: () =>
    new ConnectorError('segment_write_key_missing', 409, 'No Segment write key is saved, so a test event could not reach Segment. Save the write key under Setup first.'),
};
