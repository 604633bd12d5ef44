// PLACEHOLDER (foundation agent replaces): flattening of identify traits into Mailjet properties.
export type FlattenMode = 'documented' | 'deep';
