/**
 * The middleware that isolates a client, and the per-request announcements that let one Scan or
 * one PartiQL statement through. Nothing here imports the AWS SDK: clients and commands are used
 * through their `middlewareStack`, so the package loads (and type-checks) without the SDK.
 */
import { resolveOptions, type IsolateClientOptions } from './options';
import { currentCapsule } from './scope';
import { verifyRequest, type Announcements } from './verify';

/** Anything with an AWS SDK v3 middleware stack: a DynamoDBClient, a DynamoDBDocumentClient, or a command. */
export interface WithMiddlewareStack {
  readonly middlewareStack: { add(...args: never[]): unknown };
}

type Context = Record<string | symbol, unknown>;
type Handler = (args: { input?: unknown }) => Promise<unknown>;
type Middleware = (next: Handler, context: Context) => Handler;
interface Stack {
  add(middleware: Middleware, options: { step: string; name: string; priority?: string; override?: boolean; tags?: string[] }): void;
}

const ANNOUNCEMENTS = Symbol.for('@capsule-guard/dynamodb/announcements');

/** 'GetItemCommand' → 'GetItem'. A command without a name is refused as an unknown operation. */
function operationOf(context: Context): string {
  const name = context.commandName;
  if (typeof name !== 'string') return '(unnamed command)';
  return name.endsWith('Command') ? name.slice(0, -'Command'.length) : name;
}

/**
 * Adds the capsule guard to a DynamoDBClient or DynamoDBDocumentClient and returns the client.
 * From then on, a request on an isolated table is sent only if every partition key it names (table
 * or index) begins with the current scope's `TENANT#<t>#CAPSULE#<c>#`; otherwise it throws
 * CapsuleIsolationError before anything reaches the network.
 *
 * A document client shares its middleware stack with the client it was made from, so isolating
 * either isolates both. Isolating a client again replaces its options.
 */
export function isolateClient<Client extends WithMiddlewareStack>(client: Client, options: IsolateClientOptions): Client {
  const config = resolveOptions(options);
  if (typeof client?.middlewareStack?.add !== 'function') {
    throw new TypeError('isolateClient: the first argument must be an AWS SDK v3 DynamoDBClient or DynamoDBDocumentClient.');
  }
  // Not an async function: a refusal is returned as a rejected promise, and a request let
  // through costs no promise of its own.
  const guard: Middleware = (next, context) => (args) => {
    try {
      verifyRequest(config, operationOf(context), args.input, currentCapsule(), context[ANNOUNCEMENTS] ?? {});
    } catch (error) {
      return Promise.reject(error);
    }
    return next(args);
  };
  // The build step runs after serialization, so a document client's input has been marshalled
  // ({ S: '…' }), and before signing and sending.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- it is needed: without it `add` takes only never[]
  (client.middlewareStack as unknown as Stack).add(guard, {
    step: 'build',
    priority: 'high',
    name: 'capsuleGuardIsolation',
    override: true,
    tags: ['CAPSULE_GUARD'],
  });
  return client;
}

export interface Announcement {
  /** Why this request may read across capsules; shown in code review, required. */
  readonly reason: string;
}

function announce<Command extends WithMiddlewareStack>(command: Command, kind: keyof Announcements, announcement: Announcement, caller: string): Command {
  const reason: unknown = announcement?.reason;
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new TypeError(`${caller}: give the reason this request may read across capsules, e.g. ${caller}(command, { reason: 'nightly export' }).`);
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- it is needed: without it `add` takes only never[]
  (command.middlewareStack as unknown as Stack).add(
    (next, context) => (args) => {
      context[ANNOUNCEMENTS] = { ...(context[ANNOUNCEMENTS] as Announcements | undefined), [kind]: reason };
      return next(args);
    },
    { step: 'initialize', name: `capsuleGuardAnnounce-${kind}`, override: true },
  );
  return command;
}

/**
 * Lets this one ScanCommand (native or document client) run on an isolated table, inside a scope.
 * Returns the command: `client.send(allowScan(new ScanCommand(input), { reason }))`.
 */
export function allowScan<Command extends WithMiddlewareStack>(command: Command, announcement: Announcement): Command {
  return announce(command, 'scan', announcement, 'allowScan');
}

/**
 * Lets this one PartiQL command (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) run:
 * the guard cannot tell which table or key a statement touches, so statements are refused unless announced.
 */
export function allowStatement<Command extends WithMiddlewareStack>(command: Command, announcement: Announcement): Command {
  return announce(command, 'statement', announcement, 'allowStatement');
}
