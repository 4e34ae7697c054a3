import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64, decodeImage, parseOutput, parseSyncJson, sniffImageFormat } from '../../../src/segmind/decode';
import { checkOutputUrl, isLoopbackHost, isPrivateHost } from '../../../src/segmind/urls';
import { SegmindError } from '../../../src/segmind/errors';

// Smallest complete files of each format (real encoder output).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQImWM4IScHAAK2AQVhu1gcAAAAAElFTkSuQmCC', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
function webp(payload = 4): Buffer {
  const b = Buffer.alloc(12 + 8 + payload);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(b.length - 8, 4);
  b.write('WEBPVP8L', 8, 'ascii');
  b.writeUInt32LE(payload, 16);
  return b;
}

const kindOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return e instanceof SegmindError ? `${e.kind}: ${e.message}` : `other: ${String(e)}`;
  }
  return 'ok';
};

describe('image decoding', () => {
  it('recognises complete PNG, JPEG and WebP', () => {
    assert.deepEqual([sniffImageFormat(PNG), sniffImageFormat(JPEG), sniffImageFormat(webp())], ['png', 'jpeg', 'webp']);
    assert.equal(decodeImage(PNG, 'x').mime, 'image/png');
    assert.equal(decodeImage(JPEG, 'x').format, 'jpeg');
    assert.equal(decodeImage(webp(), 'x').format, 'webp');
    assert.equal(decodeImage(webp(5).subarray(0, 25), 'x').format, 'webp', 'odd size without its pad byte');
  });

  it('refuses truncated or padded images', () => {
    assert.match(kindOf(() => decodeImage(PNG.subarray(0, PNG.length - 3), 'The image')), /^not-an-image: The image is an incomplete PNG image \(66 bytes/);
    assert.match(kindOf(() => decodeImage(JPEG.subarray(0, 10), 'x')), /incomplete JPEG/);
    assert.match(kindOf(() => decodeImage(Buffer.concat([JPEG, Buffer.alloc(10)]), 'x')), /incomplete JPEG/);
    assert.match(kindOf(() => decodeImage(webp().subarray(0, 18), 'x')), /incomplete WEBP/);
  });

  it('says what came instead of an image', () => {
    assert.match(kindOf(() => decodeImage(Buffer.from('<!DOCTYPE html><html></html>'), 'The image')), /^not-an-image: The image is an HTML page, not an image\./);
    assert.match(kindOf(() => decodeImage(Buffer.from('{"error":"Token expired"}'), 'x')), /a JSON message \("Token expired"\)/);
    assert.match(kindOf(() => decodeImage(Buffer.from('[1,2]'), 'x')), /a JSON document/);
    assert.match(kindOf(() => decodeImage(Buffer.alloc(0), 'x')), /an empty body/);
    assert.match(kindOf(() => decodeImage(Buffer.from('GIF89a....'), 'x')), /not a PNG, JPEG or WebP image/);
  });
});

describe('output parsing', () => {
  it('accepts a URL, a list, base64, URL-safe base64 and data URIs', () => {
    assert.deepEqual(parseOutput('https://cdn.segmind.com/a.jpg'), [{ url: 'https://cdn.segmind.com/a.jpg' }]);
    assert.deepEqual(parseOutput(['https://x.test/1.png', 'https://x.test/2.png']).length, 2);
    const fromB64 = parseOutput(PNG.toString('base64'));
    assert.deepEqual(Buffer.from((fromB64[0] as { bytes: Uint8Array }).bytes), PNG);
    const fromUrlSafe = parseOutput(PNG.toString('base64url'));
    assert.deepEqual(Buffer.from((fromUrlSafe[0] as { bytes: Uint8Array }).bytes), PNG);
    const fromData = parseOutput(`data:image/png;base64,${PNG.toString('base64')}`);
    assert.deepEqual(Buffer.from((fromData[0] as { bytes: Uint8Array }).bytes), PNG);
    assert.equal(parseOutput([{ url: 'https://x.test/1.png' }]).length, 1);
  });

  it('refuses outputs it does not understand', () => {
    assert.match(kindOf(() => parseOutput(undefined)), /^malformed: .*\(no output\)/);
    assert.match(kindOf(() => parseOutput([])), /returned no images/);
    assert.match(kindOf(() => parseOutput(42)), /does not understand \(number\)/);
    assert.match(kindOf(() => parseOutput('not base64 at all!')), /a text of 18 characters/);
    assert.match(kindOf(() => parseOutput('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=')), /data URI of type "image\/svg\+xml"/);
  });

  it('reads v1 base64 JSON', () => {
    assert.equal(parseSyncJson({ image: PNG.toString('base64') }).length, 1);
    assert.equal(parseSyncJson({ image: 'x', images: [PNG.toString('base64'), PNG.toString('base64')] }).length, 2);
    assert.match(kindOf(() => parseSyncJson({ foo: 1 })), /shape this extension does not understand \(an object with keys foo\)/);
    assert.equal(decodeBase64('short'), undefined);
  });
});

describe('output URL policy', () => {
  const api = ['https://api.segmind.com'];
  it('allows public https and http URLs', () => {
    assert.equal(checkOutputUrl('https://segmind-sd-models.s3.amazonaws.com/out/1.jpg', api).hostname, 'segmind-sd-models.s3.amazonaws.com');
  });

  it('refuses other schemes and private hosts', () => {
    for (const url of ['file:///etc/passwd', 'ftp://x.test/a.png', 'javascript:alert(1)', 'http://127.0.0.1:8080/a.png',
      'http://localhost/a.png', 'http://[::1]/a.png', 'http://10.1.2.3/a', 'http://192.168.0.10/a', 'http://172.20.0.1/a',
      'http://169.254.169.254/', 'http://[fd00::1]/a', 'http://[::ffff:127.0.0.1]/a', 'http://intranet/a.png', 'http://localhost./a', 'http://metadata.google.internal./x', 'http://0.0.0.0/a', 'not a url']) {
      assert.match(kindOf(() => checkOutputUrl(url, api)), /^malformed: /, url);
    }
  });

  it('trusts the API host itself, and any loopback when the API is on loopback', () => {
    assert.equal(checkOutputUrl('http://10.0.0.5/img.png', ['http://10.0.0.5:8080']).host, '10.0.0.5');
    assert.equal(checkOutputUrl('http://127.0.0.1:4000/o.png', ['http://127.0.0.1:3000']).port, '4000');
    assert.match(kindOf(() => checkOutputUrl('http://10.0.0.6/img.png', ['http://127.0.0.1:3000'])), /^malformed/);
  });

  it('classifies hosts', () => {
    assert.ok(isLoopbackHost('127.8.9.10') && isLoopbackHost('LOCALHOST') && isLoopbackHost('app.localhost'));
    assert.ok(!isLoopbackHost('10.0.0.1'));
    assert.ok(isLoopbackHost('::ffff:7f00:1') && isPrivateHost('::ffff:a00:1') && !isPrivateHost('::ffff:808:808'));
    assert.ok(isPrivateHost('100.64.0.1') && isPrivateHost('fe80::1') && isPrivateHost('printer.local'));
    assert.ok(!isPrivateHost('8.8.8.8') && !isPrivateHost('api.segmind.com') && !isPrivateHost('2001:4860::8888'));
  });
});
