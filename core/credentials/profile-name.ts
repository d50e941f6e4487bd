import { AtlasSsoError } from '../errors.js';

const maxLength = 64;

/**
 * Refuses a profile name that would break the file or that the AWS tools would not find again.
 * Beyond brackets and control characters, the JS SDK (inside mongosh) only reads `[profile NAME]` sections whose
 * NAME is letters, digits and `_ - . @ + % : /`, and botocore shell-splits that header, so other characters are refused too.
 */
export function validateProfileName(name: string): string {
  const refuse = (why: string): never => {
    throw new AtlasSsoError('credentials-invalid-profile-name', `The AWS profile name ${why}.`);
  };
  if (name === '') refuse('is empty: give a name such as "atlas"');
  if (name.length > maxLength) refuse(`is longer than ${maxLength} characters: choose a shorter one`);
  if (/[\r\n]/.test(name)) refuse('contains a line break: use a single word such as "atlas"');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u001f\u007f]/.test(name)) refuse('contains a control character: use letters, digits, "-" or "_"');
  if (name.trim() !== name) refuse(`"${name}" starts or ends with a space: remove it`);
  if (/[[\]]/.test(name)) refuse(`"${name}" contains "[" or "]", which would break the section header: remove them`);
  if (!/^[\w\-.@+%:/]+$/.test(name)) {
    refuse(`"${name}" contains a character the AWS tools do not accept in a profile name: use only letters, digits and _ - . @ + % : /`);
  }
  if (name === '__proto__') refuse('"__proto__" is refused by the AWS SDK: choose another name');
  return name;
}
