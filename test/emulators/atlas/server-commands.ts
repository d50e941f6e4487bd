import { hostname } from 'node:os';
import type { Document } from 'bson';
import { Long } from 'bson';
import { speculativeAuthenticate } from './auth-commands.js';
import { canSeeDatabase } from './authorization.js';
import type { CommandContext, CommandHandler } from './command-context.js';
import { CommandError } from './command-error.js';
import { matchesFilter } from './filter.js';
import { maxBsonObjectSize, maxMessageSizeBytes } from './wire-protocol.js';

/** The MongoDB release the emulator poses as: wire version 21 is MongoDB 7.0. */
export const serverVersion = '7.0.14';
const maxWireVersion = 21;
/** Atlas clusters are replica sets; one member named after our own address keeps drivers in single-server mode happy. */
const replicaSetName = 'atlas-emulator-shard-0';

/** The hello / isMaster reply: a writable primary of a one-member replica set, Atlas-like. */
export function hello(command: Document, context: CommandContext): Document {
  const { server, connection } = context;
  const legacy = !('hello' in command);
  const reply: Document = {
    ...(command.helloOk === true ? { helloOk: true } : {}),
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    topologyVersion: { processId: server.processId, counter: Long.ZERO },
    hosts: [server.address],
    setName: replicaSetName,
    setVersion: 1,
    secondary: false,
    primary: server.address,
    me: server.address,
    maxBsonObjectSize,
    maxMessageSizeBytes,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: connection.id,
    minWireVersion: 0,
    maxWireVersion,
    readOnly: false,
  };
  if (typeof command.saslSupportedMechs === 'string') reply.saslSupportedMechs = ['MONGODB-AWS'];
  const speculative = speculativeAuthenticate(command.speculativeAuthenticate, context);
  if (speculative !== undefined) reply.speculativeAuthenticate = speculative;
  return { ...reply, ok: 1 };
}

function buildInfo(): Document {
  return {
    version: serverVersion,
    gitVersion: '0000000000000000000000000000000000000000',
    versionArray: serverVersion.split('.').map(Number).concat(0),
    modules: ['enterprise'],
    allocator: 'tcmalloc',
    javascriptEngine: 'mozjs',
    sysInfo: 'deprecated',
    bits: 64,
    debug: false,
    maxBsonObjectSize,
    storageEngines: ['devnull', 'inMemory', 'queryable_wt', 'wiredTiger'],
    ok: 1,
  };
}

function connectionStatus(command: Document, context: CommandContext): Document {
  const user = context.connection.user;
  const authInfo: Document = {
    authenticatedUsers: user ? [{ user: user.arn, db: '$external' }] : [],
    authenticatedUserRoles: user ? user.roles.map(({ role, db }) => ({ role, db })) : [],
  };
  if (command.showPrivileges === true) authInfo.authenticatedUserPrivileges = [];
  return { authInfo, ok: 1 };
}

function listDatabases(command: Document, context: CommandContext): Document {
  const roles = context.connection.user?.roles ?? [];
  const { store } = context.server;
  const databases = store
    .databaseNames()
    .filter((name) => canSeeDatabase(roles, name))
    .map((name) => ({ name, sizeOnDisk: store.sizeOfDatabase(name), empty: false }))
    .filter((database) => matchesFilter(database, command.filter as Document | undefined));
  if (command.nameOnly === true) return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  const totalSize = databases.reduce((total, { sizeOnDisk }) => total + sizeOnDisk, 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1024 / 1024), ok: 1 };
}

function getLog(command: Document): Document {
  if (command.getLog === '*') return { names: ['global', 'startupWarnings'], ok: 1 };
  if (command.getLog === 'global' || command.getLog === 'startupWarnings') return { totalLinesWritten: 0, log: [], ok: 1 };
  throw new CommandError(2, `No log named '${String(command.getLog)}'`);
}

const parameters: Readonly<Record<string, unknown>> = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: ['MONGODB-AWS', 'SCRAM-SHA-1', 'SCRAM-SHA-256'],
  requireApiVersion: false,
  maxBSONDepth: 100,
};

function getParameter(command: Document): Document {
  const wanted = command.getParameter === '*' ? Object.keys(parameters) : Object.keys(command).filter((key) => key !== 'getParameter' && !key.startsWith('$') && key !== 'lsid');
  const found = Object.fromEntries(wanted.filter((key) => key in parameters).map((key) => [key, parameters[key]]));
  if (Object.keys(found).length === 0) throw new CommandError(72, 'no option found to get');
  return { ...found, ok: 1 };
}

function hostInfo(): Document {
  return {
    system: { currentTime: new Date(), hostname: hostname(), cpuAddrSize: 64, memSizeMB: 8192, numCores: 2, cpuArch: 'x86_64', numaEnabled: false },
    os: { type: 'Linux', name: 'Atlas emulator', version: process.version },
    extra: {},
    ok: 1,
  };
}

function serverStatus(_command: Document, context: CommandContext): Document {
  const { server } = context;
  const uptimeMillis = Date.now() - server.startedAt.getTime();
  return {
    host: server.address,
    version: serverVersion,
    process: 'mongod',
    pid: Long.fromNumber(process.pid),
    uptime: Math.floor(uptimeMillis / 1000),
    uptimeMillis: Long.fromNumber(uptimeMillis),
    localTime: new Date(),
    connections: { current: server.connectionCount(), available: 500 },
    ok: 1,
  };
}

/** Commands about the server and the session, not about data. */
export const serverCommands: Readonly<Record<string, CommandHandler>> = {
  hello: { access: 'open', run: hello },
  isMaster: { access: 'open', run: hello },
  ismaster: { access: 'open', run: hello },
  ping: { access: 'open', run: () => ({ ok: 1 }) },
  buildInfo: { access: 'open', run: buildInfo },
  buildinfo: { access: 'open', run: buildInfo },
  endSessions: { access: 'open', run: () => ({ ok: 1 }) },
  connectionStatus: { access: 'authenticated', run: connectionStatus },
  listDatabases: { access: 'authenticated', run: listDatabases },
  getLog: { access: 'authenticated', run: getLog },
  getParameter: { access: 'authenticated', run: getParameter },
  atlasVersion: { access: 'authenticated', run: () => ({ atlasVersion: '20250101.0.0', gitVersion: '0000000000000000000000000000000000000000', ok: 1 }) },
  getCmdLineOpts: { access: 'authenticated', run: () => ({ argv: ['mongod'], parsed: {}, ok: 1 }) },
  hostInfo: { access: 'authenticated', run: hostInfo },
  serverStatus: { access: 'authenticated', run: serverStatus },
};
