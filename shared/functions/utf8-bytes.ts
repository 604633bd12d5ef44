// UTF-8 encoding without platform APIs: Segment's Functions runtime is not known to expose TextEncoder
// (its published shim lists fetch, btoa, atob, URL, console, Buffer, but no TextEncoder). Pure.

/** The UTF-8 bytes of `text`; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8Bytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    let code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        index += 1;
      } else {
        code = 0xfffd;
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      code = 0xfffd;
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(bytes);
}

/** Bytes as a "binary string" (one char per byte), the form btoa takes and atob returns. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return binary;
}

export function binaryStringToBytes(binary: string): Uint8Array {
  return Uint8Array.from(binary, (char) => char.charCodeAt(0) & 0xff);
}

interface TextEncoderLike {
  encode(text: string): Uint8Array;
}

/**
 * The shared mapping hashes message ids through @noble/hashes, which calls `new TextEncoder()`. Where
 * the runtime has none, install this minimal one on the function's own global (the Functions sandbox).
 */
export function installTextEncoderWhenMissing(): void {
  const scope = globalThis as { TextEncoder?: new () => TextEncoderLike };
  if (typeof scope.TextEncoder === 'function') return;
  scope.TextEncoder = class Utf8TextEncoder implements TextEncoderLike {
    readonly encoding = 'utf-8';
    encode(text = ''): Uint8Array {
      return utf8Bytes(text);
    }
  };
}
