import type { z } from 'zod';
import { connectionSchema } from './schema.js';

/** One problem of a connection being edited: the form field it belongs to, and a sentence naming that field as the form does. */
export interface FieldIssue {
  /** The form's field: `name`, `idpUrl`, `profile`, `clusters.0.uri`… (`form` when no field fits). */
  readonly field: string;
  readonly message: string;
}

const fieldLabels: Readonly<Record<string, string>> = {
  name: 'Connection name',
  idpUrl: 'Sign-in link',
  acsUrl: 'Extra sign-in address',
  stsRegion: 'AWS region',
  defaultRole: 'Default role',
  durationSeconds: 'Session length',
  profile: 'AWS profile',
  accountAliases: 'Account names',
  loginBrowser: 'Sign-in window',
};
/** A connection as a form or the CLI holds it before saving (api.ts's ConnectionDraft, or a NewConnection): checked as a whole. */
export type DraftConnection = Readonly<Record<string, unknown>> & { readonly clusters?: readonly (Readonly<Record<string, unknown>> & { readonly uri?: string | undefined })[] | undefined };

const clusterLabels: Readonly<Record<string, string>> = { name: 'the name', uri: 'the connection string', roles: 'the roles' };

/**
 * A connection draft checked with the same schema the connections file is saved with, each problem in people's words
 * beside its field ("Cluster 1: the connection string must start with mongodb:// or mongodb+srv://"), never a path such
 * as `connections[0].clusters[0].uri`. Empty when the draft can be saved (a name clash is only known when saving).
 */
export function connectionFieldIssues(draft: DraftConnection): readonly FieldIssue[] {
  const parsed = connectionSchema.safeParse({ ...draft, id: 'draft' });
  return parsed.success ? [] : parsed.error.issues.map((issue) => fieldIssueOf(issue, draft));
}

/** One zod issue of a connection (path relative to the connection) as a field and a sentence. */
export function fieldIssueOf(issue: z.core.$ZodIssue, draft: Pick<DraftConnection, 'clusters'>): FieldIssue {
  const [head, index, part] = issue.path;
  if (head === 'clusters' && typeof index === 'number') {
    const label = typeof part === 'string' ? (clusterLabels[part] ?? part) : 'it';
    const uri = draft.clusters?.[index]?.uri ?? '';
    // The parser's own refusal of a non-MongoDB string is long; what the field needs is its first rule.
    const message = part === 'uri' && !/mongodb(?:\+srv)?:\/\//i.test(uri) ? 'must start with mongodb:// or mongodb+srv://' : issue.message;
    return { field: typeof part === 'string' ? `clusters.${index}.${part}` : `clusters.${index}.name`, message: `Cluster ${index + 1}: ${label} ${message}` };
  }
  if (head === 'clusters') return { field: 'clusters.0.name', message: `Clusters: ${issue.message}` };
  const field = typeof head === 'string' ? head : 'form';
  return { field, message: `${fieldLabels[field] ?? 'This connection'} ${issue.message}` };
}
