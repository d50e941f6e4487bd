/** The namespace URIs and attribute names AWS sign-in relies on; matched by URI, never by prefix (IdPs differ). */
export const samlProtocolNamespace = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const samlAssertionNamespace = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const xmlSignatureNamespace = 'http://www.w3.org/2000/09/xmldsig#';
export const samlStatusSuccess = 'urn:oasis:names:tc:SAML:2.0:status:Success';

export const awsRoleAttribute = 'https://aws.amazon.com/SAML/Attributes/Role';
export const awsRoleSessionNameAttribute = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';
export const awsSessionDurationAttribute = 'https://aws.amazon.com/SAML/Attributes/SessionDuration';

/** STS refuses a SAMLAssertion parameter longer than this (AssumeRoleWithSAML limits it to 4–100,000 characters). */
export const maxSamlBase64Length = 100_000;
