import type { Document, ObjectId } from 'bson';
import type { Privilege } from './authorization.js';
import type { AwsAuthenticationConfig, DatabaseUser, PendingConversation } from './aws-authentication.js';
import type { CursorRegistry } from './cursors.js';
import type { DataStore } from './store.js';

/** What the server saw for one authentication attempt; never a key, token or signature. */
export interface AuthenticationRecord {
  readonly user: string | null;
  readonly ok: boolean;
  readonly reason?: string;
}

/** State shared by every connection of one emulated cluster. */
export interface ServerState {
  readonly store: DataStore;
  readonly cursors: CursorRegistry;
  readonly auth: AwsAuthenticationConfig;
  readonly authentications: AuthenticationRecord[];
  /** `host:port` clients reach us on, as hello's `me`/`hosts` say it. */
  readonly address: string;
  readonly processId: ObjectId;
  readonly startedAt: Date;
  readonly connectionCount: () => number;
  /** Replies that replace a command's own once its access checks pass (AtlasEmulatorOptions.replies). */
  readonly replies: Readonly<Record<string, Document>>;
}

/** State of one client connection: who it authenticated as and its SASL conversations in progress. */
export interface ConnectionState {
  readonly id: number;
  user: DatabaseUser | null;
  readonly conversations: Map<number, PendingConversation>;
  nextConversationId: number;
}

/** Everything a command handler may use. */
export interface CommandContext {
  readonly server: ServerState;
  readonly connection: ConnectionState;
  /** The database the command runs against (`$db`). */
  readonly db: string;
}

/** Who may run a command: anyone, any authenticated user, or a user holding one of these privileges on `$db`. */
export type Access = 'open' | 'authenticated' | readonly Privilege[];

/** One command the emulator implements. */
export interface CommandHandler {
  readonly access: Access;
  readonly run: (command: Document, context: CommandContext) => Document | Promise<Document>;
}
