// PLACEHOLDER (foundation agent replaces): identify call to Mailjet contact upsert.
export interface DroppedTrait {
  /** Dotted trait path, e.g. "address.street.name". */
  path: string;
  reason: string;
}
