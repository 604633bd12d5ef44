// Sends a picked file to the back end in ordered 1 MiB chunks (uploadBackfillChunk), so neither the
// window nor the console ever holds a whole history file in one message.
import type { ConnectorApi } from '../shared/api';

const CHUNK_BYTES = 1024 * 1024;

export async function uploadHistoryFile(connector: Pick<ConnectorApi, 'uploadBackfillChunk'>, file: Blob & { name: string }, onBytes: (sent: number) => void): Promise<string> {
  let uploadId: string | undefined;
  let offset = 0;
  do {
    const bytes = await readBytes(file.slice(offset, offset + CHUNK_BYTES));
    const answer = await connector.uploadBackfillChunk({ ...(uploadId === undefined ? {} : { uploadId }), name: file.name, offset, data: toBase64(bytes) });
    uploadId = answer.uploadId;
    offset += bytes.length;
    onBytes(offset);
  } while (offset < file.size);
  return uploadId;
}

/** FileReader rather than Blob.arrayBuffer(): the same code runs in jsdom's component tests. */
function readBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode over a whole megabyte overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
