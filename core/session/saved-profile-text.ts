import path from 'node:path';

/** "Saved keys as profile atlas-prod in ~/.aws/credentials, valid until 14:32.": what was written, where, until when, in local time. */
export function savedProfileText(saved: { readonly profile: string; readonly filePath: string; readonly expiresAt: Date }, home: string | undefined, now: Date = new Date()): string {
  const where = home !== undefined && home !== '' && saved.filePath.startsWith(home + path.sep) ? `~${saved.filePath.slice(home.length)}` : saved.filePath;
  return `Saved keys as profile ${saved.profile} in ${where}, valid until ${localTime(saved.expiresAt, now)}.`;
}

/** 14:32 today; with the date on another day (sessions last up to 12 hours, so they may end tomorrow). */
function localTime(at: Date, now: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  const time = `${two(at.getHours())}:${two(at.getMinutes())}`;
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? time : `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${time}`;
}
