import type { Readable } from 'node:stream';

/** The address `atlas-sso ui` prints (with the token in its fragment), once it does; rejects if the command exits first. */
export function uiLaunchUrl(stdout: Readable, exited: Promise<number | null>): Promise<URL> {
  return new Promise<URL>((resolve, reject) => {
    let text = '';
    stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      const found = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)\n/.exec(text)?.[1];
      if (found !== undefined) resolve(new URL(found));
    });
    void exited.then((code) => reject(new Error(`atlas-sso ui exited early (${String(code)})`)));
  });
}
