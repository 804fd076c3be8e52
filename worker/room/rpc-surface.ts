/**
 * How the room's RPC methods are made from a table: each entry names who may call (an `Access`) and the module function
 * that does the work, `fn(room, caller, ...args)`. The method callers see is `method(actor, ...args)`, typed from the
 * function, so `roomOf(env, id).postMessage(actor, clientId, body)` is checked like a hand-written method.
 */
import { DurableObject } from "cloudflare:workers";
import type { Access, Caller } from "./room-access";
import type { RoomContext } from "./room-context";
import type { RoomActor, RoomResult } from "../domain/room/types";

/**
 * A room function an RPC method runs once the caller passed the access check (any argument list: `RpcMethods` types
 * each).
 */
type RoomFunction = (
  room: RoomContext,
  who: Caller,
  ...args: never[]
) => RoomResult<unknown> | Promise<RoomResult<unknown>>;

/** One RPC method: who may call it and what it runs. */
export interface RpcEntry<F extends RoomFunction = RoomFunction> {
  access: Access;
  run: F;
}

/** An entry of the RPC table (keeps the function's own type for `RpcMethods`). */
export const rpc = <F extends RoomFunction>(access: Access, run: F): RpcEntry<F> => ({ access, run });

/** The methods a table gives the room: `(actor, ...args)` answering what the function answers. */
export type RpcMethods<T extends Record<string, RpcEntry>> = {
  [K in keyof T]: T[K]["run"] extends (room: RoomContext, who: Caller, ...args: infer A) => infer R
    ? (actor: RoomActor, ...args: A) => Promise<Awaited<R>>
    : never;
};

/** A Durable Object base class with one prototype method per table entry; each calls the subclass's `serve`. */
export function RpcSurface<T extends Record<string, RpcEntry>>(table: T) {
  /** The room's RPC methods, one per table entry, each handing its call to `serve`. */
  abstract class Surface extends DurableObject<Env> {
    /** Runs one table entry for an actor: the subclass checks access, then calls `entry.run`. */
    protected abstract serve(entry: RpcEntry, actor: RoomActor, args: unknown[]): Promise<RoomResult<unknown>>;

    static {
      for (const [name, entry] of Object.entries(table))
        Object.defineProperty(Surface.prototype, name, {
          value(this: Surface, actor: RoomActor, ...args: unknown[]) {
            return this.serve(entry, actor, args);
          },
          writable: true,
          configurable: true,
        });
    }
  }
  return Surface as unknown as abstract new (
    ctx: DurableObjectState,
    env: Env,
  ) => Surface & RpcMethods<T>;
}
