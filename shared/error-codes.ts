// The one table of error codes every transport reads (relay, control API, IPC, CLI, renderer): each
// code's HTTP status, whether retrying can help, and a default message that says what to do next.
// Pure data: it imports nothing, so main/ and renderer/ can both use it. Never put a secret in a message.

export interface ErrorCodeSpec {
  /** The HTTP status the relay and the control API answer with (IPC carries it too). */
  status: number;
  /** Retrying the same thing later can succeed (network, rate limit, a busy disk). */
  retryable: boolean;
  /** The message is written for people and may be shown as is (false only for internal_error). */
  expose: boolean;
  /** The CLI treats the code as the caller's bad input (exit 2). */
  badInput: boolean;
  /** Used when an error is raised without its own message. */
  message: string;
}

type SpecInput = Pick<ErrorCodeSpec, 'status' | 'message'> & Partial<Omit<ErrorCodeSpec, 'status' | 'message'>>;

/** fastify's lib/errors.js idea: one factory builds every entry, so no field is ever missing. */
function defineErrorCodes<T extends Record<string, SpecInput>>(table: T): { readonly [K in keyof T]: ErrorCodeSpec } {
  const built: Record<string, ErrorCodeSpec> = {};
  for (const [code, spec] of Object.entries(table)) {
    built[code] = { retryable: false, expose: true, badInput: false, ...spec };
  }
  return Object.freeze(built) as { readonly [K in keyof T]: ErrorCodeSpec };
}

const RETRY = { retryable: true } as const;
const INPUT = { badInput: true } as const;

export const ERROR_CODES = defineErrorCodes({
  // The connector itself.
  internal_error: { status: 500, expose: false, message: 'The connector hit an unexpected error. Try again; if it happens again, look at the connector log for details.' },
  // Requests refused at the door (relay and control API).
  unsupported_content_encoding: { status: 415, message: 'The relay cannot read this Content-Encoding. Send the body uncompressed, or with gzip or deflate.' },
  bad_content_encoding: { status: 400, message: 'The compressed body is not valid. Compress the whole JSON body, or send it uncompressed.' },
  bad_request: { status: 400, message: 'The request could not be read. Check the method, headers and body.' },
  bad_json: { status: 400, ...INPUT, message: 'The body is not valid JSON. Send one JSON object or array.' },
  bad_shape: { status: 400, ...INPUT, message: 'The body does not have the documented shape. Fix it and send again.' },
  bad_content_length: { status: 400, message: 'The body length does not match Content-Length.' },
  invalid_argument: { status: 400, message: 'The argument is not valid for this method. Fix the value it names and try again.' },
  body_too_large: { status: 413, message: 'The body is larger than this endpoint accepts. Send smaller batches.' },
  unsupported_media_type: { status: 415, message: 'The body must be JSON: send it with Content-Type: application/json.' },
  unauthorized: { status: 401, message: 'Missing or wrong credentials. Use the key shown in the app.' },
  host_not_allowed: { status: 403, message: 'This Host is not allowed. Use the URL shown in the app.' },
  origin_not_allowed: { status: 403, message: 'Requests from other web pages are refused. Use the console page the relay printed.' },
  forbidden_sender: { status: 403, message: 'This window is not allowed to call the connector.' },
  not_found: { status: 404, message: 'No such endpoint. Check the URL shown in the app.' },
  unknown_method: { status: 404, message: 'No such control API method. Use one of the ConnectorApi method names, e.g. getStatus.' },
  method_not_allowed: { status: 405, message: 'Control API methods are called with POST /api/<method> and a JSON body.' },
  relay_stopping: { status: 503, ...RETRY, message: 'The relay is shutting down. Retry in a moment.' },
  // Storage, data dir and keychain on this machine.
  storage_unavailable: { status: 503, ...RETRY, message: 'The connector could not save to disk. Retry later; check free disk space.' },
  schema_too_new: { status: 503, message: 'The database was written by a newer version of the connector. Install that version or use another data dir.' },
  data_dir_in_use: { status: 409, message: 'Another connector is using this data dir. Stop it, or use another data dir.' },
  disk_full: { status: 503, ...RETRY, message: 'The disk that holds the data dir is full. Free some space on it; the connector resumes by itself.' },
  data_dir_unusable: { status: 503, message: 'The data dir cannot be used. Check that it exists and is writable.' },
  secret_setting_refused: { status: 500, message: 'A secret was about to be stored as a plain setting and was refused. Save it through Setup instead.' },
  keychain_unavailable: { status: 503, ...RETRY, message: "The OS keychain is not available. Unlock or install it, then try again." },
  secret_pinned_by_env: { status: 409, message: 'This secret is set by an environment variable. Change the variable and restart instead.' },
  bad_config: { status: 400, message: 'The configuration is not valid. Fix the value it names and start again.' },
  bad_settings: { status: 400, message: 'The function settings are not valid. Fix the value they name and try again.' },
  // Command line.
  unknown_command: { status: 400, ...INPUT, message: 'Unknown command. See mjsc --help.' },
  bad_arguments: { status: 400, ...INPUT, message: 'The arguments are not valid. See mjsc --help.' },
  unreadable_file: { status: 400, ...INPUT, message: 'The file could not be read. Check the path and its permissions.' },
  bad_event: { status: 400, ...INPUT, message: 'The event is not a Mailjet event. Check the JSON you passed.' },
  // The operator's setup (connector service).
  credentials_invalid: { status: 400, message: 'The saved keys are refused. Save working keys under Setup.' },
  mailjet_credentials_incomplete: { status: 400, message: 'Mailjet needs both the API key and the secret key. Enter both and save again.' },
  list_not_found: { status: 404, message: 'Mailjet has no such contact list. Pick another list, or create one.' },
  list_name_invalid: { status: 400, message: 'The list name is not valid. Type a name for the new contact list, or pick an existing list.' },
  list_create_failed: { status: 409, message: 'Mailjet did not create the contact list. Pick an existing list or choose another name.' },
  list_not_selected: { status: 409, message: 'No contact list is selected. Pick one under "Receive data from Segment".' },
  list_deleted: { status: 404, message: 'The selected contact list was deleted in Mailjet. Pick another list.' },
  preview_payload_invalid: { status: 400, message: 'The payload is not valid. Paste the JSON payload as sent, and try again.' },
  event_not_selected: { status: 409, message: 'That event type is not selected for sending. Select it and try again.' },
  conflict_kept: { status: 409, message: 'You kept the existing Mailjet endpoints. Enable sending again and choose to replace them.' },
  callback_conflict: { status: 409, message: 'Other endpoints already receive these Mailjet events. Choose to keep or replace them.' },
  callback_not_confirmed: { status: 502, message: 'Mailjet did not confirm the event callback. Try again.' },
  callback_race: { status: 502, message: 'The Mailjet event callbacks changed while they were being updated. Try again.' },
  callback_incomplete: { status: 502, message: 'Only some Mailjet event callbacks were updated. Try again to finish.' },
  callback_rotation_pending: { status: 502, message: 'The callback URL with the new secret is not registered yet. Try again.' },
  failure_burst: { status: 502, message: 'Many deliveries failed in a row. Check the failed items and retry them.' },
  // The built-in tunnel and the public URL.
  callback_url_unreachable: { status: 409, message: 'Mailjet cannot reach this relay at the callback URL. Set a public https URL, or start a tunnel, then try again.' },
  tunnel_program_missing: { status: 409, message: 'Neither cloudflared nor ngrok is installed. Install one (see the README), then start the tunnel again.' },
  tunnel_failed: { status: 502, ...RETRY, message: 'The tunnel program stopped or printed an error. Look at its last error in the status and start it again.' },
  tunnel_timeout: { status: 504, ...RETRY, message: 'The tunnel program printed no public URL in time. Start it again.' },
  tunnel_not_proven: { status: 502, ...RETRY, message: 'Requests through the tunnel did not reach this relay. Stop it and start it again.' },
  // The inspector and local tools.
  item_not_found: { status: 404, message: 'That item is no longer kept. Reload Activity and pick another item.' },
  connector_unreachable: { status: 503, ...RETRY, message: 'The running connector stopped answering on its local socket. Check that it still runs.' },
  bad_answer: { status: 502, message: 'The running connector sent an answer that is not JSON. Restart it and try again.' },
  bad_relay_port: { status: 400, ...INPUT, message: 'That is not a port: use a whole number from 0 (any free port) to 65535.' },
  // History import.
  backfill_csv_no_email: { status: 400, ...INPUT, message: 'The CSV file has no email column. Add a header named email, then import again.' },
  backfill_file_unreadable: { status: 400, ...INPUT, message: 'The file cannot be read. Check the path and its permissions, and import again.' },
  backfill_busy: { status: 409, message: 'A history import is still running. Wait for it to finish, or cancel it, then start another.' },
  backfill_list_not_selected: { status: 409, message: 'No Mailjet contact list is chosen. Choose a list under "Receive data from Segment" (or pass --list ID), then import.' },
  backfill_list_mismatch: { status: 409, message: 'The list given is not the selected list. Select that list first, or leave --list out.' },
  backfill_no_files: { status: 400, ...INPUT, message: 'No file was given. Pick one or more JSON-lines or CSV files to import.' },
  backfill_not_found: { status: 404, message: 'There is no such history import. Start one with "Import history" or mjsc backfill.' },
  backfill_upload_unknown: { status: 404, message: 'That uploaded file is no longer here. Pick the file again.' },
  backfill_upload_out_of_order: { status: 409, message: 'The upload arrived out of order. Pick the file again to restart its upload.' },
  backfill_uploads_unavailable: { status: 503, message: 'This connector has no data dir to keep uploaded files in. Import with mjsc backfill FILE instead.' },
  backfill_file_changed: { status: 409, message: 'The file changed since the import started, so it cannot resume. Start a new import of the file.' },
  backfill_connector_unreachable: { status: 503, ...RETRY, message: 'The running connector could not take the import. Check that it still runs, or stop it and import again.' },
  // Mailjet.
  mailjet_credentials_missing: { status: 400, message: 'No Mailjet API key and secret key are saved. Enter them under Setup and save them.' },
  mailjet_credentials_invalid: { status: 400, message: 'Mailjet refused the API key and secret key. Check both keys and save them again.' },
  mailjet_not_found: { status: 404, message: 'Mailjet has no such item. It may have been deleted; refresh and choose again.' },
  mailjet_rate_limited: { status: 502, ...RETRY, message: 'Mailjet is rate-limiting this account. The connector retries shortly.' },
  mailjet_unavailable: { status: 502, ...RETRY, message: 'Mailjet is temporarily unavailable. The connector retries; check https://status.mailjet.com if it persists.' },
  mailjet_bad_request: { status: 502, message: 'Mailjet refused the request. Fix the value it names and try again.' },
  mailjet_rejected: { status: 502, message: "Mailjet refused the request. This is not retried; check the connector's settings." },
  mailjet_unreachable: { status: 502, ...RETRY, message: "Mailjet could not be reached. Check this machine's internet connection, proxy or firewall." },
  mailjet_bad_response: { status: 502, ...RETRY, message: 'Mailjet answered with something that is not JSON. The connector retries.' },
  mailjet_job_timeout: { status: 502, ...RETRY, message: "Mailjet's contact import job did not finish in time; the contacts are sent again later." },
  mailjet_job_lost: { status: 502, ...RETRY, message: 'Mailjet no longer knows the contact import job; the contacts are sent again later.' },
  // Segment.
  segment_write_key_missing: { status: 409, message: 'No Segment write key is saved. Save the write key under Setup first.' },
  segment_write_key_invalid: { status: 502, message: 'Segment refused the write key. Copy the write key of your Segment source again and save it.' },
  segment_rate_limited: { status: 502, ...RETRY, message: 'Segment is rate-limiting this source. The connector retries shortly.' },
  segment_unavailable: { status: 502, ...RETRY, message: 'Segment is temporarily unavailable. The connector retries.' },
  segment_rejected: { status: 502, message: 'Segment refused the batch. This is not retried; check the failed items.' },
  segment_unreachable: { status: 502, ...RETRY, message: "Segment could not be reached. Check this machine's internet connection, proxy or firewall." },
});

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
