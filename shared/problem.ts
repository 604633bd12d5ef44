// The one shape of a status problem, shared by the ConnectorApi contract and its parts.

/** A condition that stops a direction or the credentials from working, with what to do next. */
export interface Problem {
  /** Stable machine-readable code, e.g. "list_deleted", "credentials_invalid", "conflict_kept". */
  code: string;
  /** Human sentence that says what happened and what to do next. */
  message: string;
}
