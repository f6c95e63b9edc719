/**
 * The ephemeral resource `kv_lease`: opens an exclusive lease on a key and
 * gives its value; renew extends the lease, close releases it. The lease is
 * visible in the store under `.leases/`.
 */

import { PyviderError, privateState } from "@pyvider/hub";
import { a, s, v } from "@pyvider/schema";
import { withStoreErrors } from "./errors.js";
import { kvDefiners } from "./provider.js";

/** The `kv_lease` schema. */
export const leaseSchema = s.ephemeral(
  {
    key: a.str({ required: true, description: "The entry to lease." }),
    ttl_seconds: a.num({
      optional: true,
      validators: [v.atLeast(1)],
      description: "Lease length; default 60.",
    }),
    value: a.str({ computed: true, sensitive: true, description: "The entry's value." }),
    lease_id: a.str({ computed: true, description: "Identifies the lease." }),
    expires_at: a.str({ computed: true, description: "When the lease ends unless renewed (RFC 3339)." }),
  },
  {
    description:
      "An exclusive lease on an entry for the length of a run: other leases on the key fail until it is closed.",
  },
);

/** Renew this long before the lease ends. */
const RENEW_MARGIN_MS = 10_000;

const renewAt = (expiresAt: string, ttlSeconds: number) =>
  new Date(Date.parse(expiresAt) - Math.min(RENEW_MARGIN_MS, (ttlSeconds * 1000) / 2));

/** The `kv_lease` ephemeral resource. */
export const leaseResource = kvDefiners.defineEphemeralResource({
  name: "kv_lease",
  schema: leaseSchema,
  privateState: privateState<{ leaseId: string; ttl: number }>(),
  async open(ctx) {
    const store = ctx.provider;
    const entry = await store.get(ctx.config.key);
    if (!entry) {
      throw new PyviderError("No such entry", {
        detail: `cannot lease "${ctx.config.key}": no such entry in namespace "${store.namespace}"`,
        path: "key",
      });
    }
    const ttl = ctx.config.ttl_seconds ?? 60;
    const lease = await withStoreErrors(
      "Cannot lease the key",
      () => store.acquireLease(ctx.config.key, ttl),
      "key",
    );
    ctx.private.set("leaseId", lease.leaseId);
    ctx.private.set("ttl", ttl);
    ctx.setRenewAt(renewAt(lease.expiresAt, ttl));
    return {
      key: entry.key,
      // as configured: a non-computed attribute must come back as it was (null when unset, the
      // default of 60 applies without showing); Terraform refuses anything else
      ttl_seconds: ctx.config.ttl_seconds ?? null,
      value: entry.value,
      lease_id: lease.leaseId,
      expires_at: lease.expiresAt,
    };
  },
  async renew(ctx) {
    const leaseId = ctx.private.get("leaseId");
    const ttl = ctx.private.get("ttl") ?? 60;
    if (leaseId === undefined) throw new Error("no lease to renew");
    const lease = await ctx.provider.renewLease(leaseId, ttl);
    ctx.setRenewAt(renewAt(lease.expiresAt, ttl));
  },
  async close(ctx) {
    const leaseId = ctx.private.get("leaseId");
    if (leaseId !== undefined) await ctx.provider.releaseLease(leaseId);
  },
});
