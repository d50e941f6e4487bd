/**
 * The one rule for a user name or password in a saved connection string, worded once for the form, the CLI and the
 * README: the schema refuses such a string with these words, and core/api.ts hands them to the UI.
 */
export const connectionStringRule = 'Save the connection string without a user name or password: Atlas SSO signs in with your AWS role.';
