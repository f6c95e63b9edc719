/** The state store `kv`: Terraform state blobs in the store, with locking. */
import { collectBytes } from "@pyvider/hub";
import { s } from "@pyvider/schema";
import { kvDefiners } from "./provider.js";

/** The `kv` state store (states live under `<path>/.states/`, shared by all namespaces). */
export const stateStore = kvDefiners.defineStateStore({
  name: "kv",
  schema: s.stateStore({}),
  async listStates(ctx) {
    const names = await ctx.provider.listStates();
    return names.includes("default") ? names : ["default", ...names];
  },
  async deleteState(ctx) {
    await ctx.provider.deleteState(ctx.stateId);
  },
  async lock(ctx) {
    return ctx.provider.lockState(ctx.stateId, { ...ctx.info });
  },
  async unlock(ctx) {
    await ctx.provider.unlockState(ctx.stateId, ctx.lockId);
  },
  async readState(ctx) {
    return (await ctx.provider.readState(ctx.stateId)) ?? null;
  },
  async writeState(ctx) {
    await ctx.provider.writeState(ctx.stateId, await collectBytes(ctx.data));
  },
});
