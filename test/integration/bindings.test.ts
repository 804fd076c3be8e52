import { introspectWorkflowInstance, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PairingRoom } from "../../worker/room/pairing-room";

describe("runtime bindings declared in wrangler.toml", () => {
  it("a pairing room answers over RPC and keeps its SQLite state", async () => {
    const stub = env.PAIRING_ROOM.get(env.PAIRING_ROOM.idFromName("pairing-1"));
    expect(await stub.stage()).toBe("proposed");
    await runInDurableObject(stub, async (room: PairingRoom, state) => {
      expect(room).toBeInstanceOf(PairingRoom);
      state.storage.sql.exec("INSERT INTO room_state (key, value) VALUES ('stage', 'onboarding')");
    });
    expect(await stub.stage()).toBe("onboarding");
  });

  it("a journey workflow instance runs with the pairing id as its instance id (and ends at once for an unknown pairing)", async () => {
    await using instance = await introspectWorkflowInstance(env.JOURNEY, "pairing-1");
    await env.JOURNEY.create({ id: "pairing-1", params: { pairingId: "pairing-1" } });
    await expect(instance.waitForStepResult({ name: "start" })).resolves.toBeNull();
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ pairingId: "pairing-1", outcome: "no such pairing" });
  });
});
