/**
 * The ACS POST body as the urlencoded text parseAcsFormBody reads. Browsers send SAML forms urlencoded;
 * an IdP that sets enctype="multipart/form-data" is read too, every field kept (so a duplicate SAMLResponse is still refused).
 */
export async function acsPostBodyText(body: Buffer | null, contentType: string | undefined): Promise<string> {
  if (body === null) return '';
  if (contentType === undefined || !/^\s*multipart\/form-data\s*;/i.test(contentType)) return body.toString('utf8');
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    // A body that is not the multipart it claims holds no readable SAMLResponse: parseAcsFormBody then says so.
    return '';
  }
  const fields = new URLSearchParams();
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields.append(name, value);
  }
  return fields.toString();
}
