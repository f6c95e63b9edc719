/** The example key-value provider `kv`. Filled in by the example provider issue. */
export const PROVIDER_TYPE = "kv";
