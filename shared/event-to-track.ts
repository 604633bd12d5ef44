// PLACEHOLDER (foundation agent replaces): Mailjet event to Segment track call.
export interface SegmentTrack {
  type: 'track';
  event: string;
  userId?: string;
  anonymousId?: string;
  messageId: string;
  timestamp: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}
