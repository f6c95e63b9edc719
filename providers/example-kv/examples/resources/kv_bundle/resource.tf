# Several entries under one prefix, written and deleted together.
resource "kv_bundle" "settings" {
  prefix = "settings/"

  entries = [
    { key = "region", value = "eu-west-1" },
    { key = "replicas", value = "3" },
    { key = "password", value = "hunter2", secret = true },
  ]

  # Entries whose key contains `match` get this TTL (at most 3 rules).
  rule {
    match       = "password"
    ttl_seconds = 600
  }

  settings = {
    compression = "gzip" # "none" or "gzip"
    overwrite   = true
  }
}

output "bundle_keys" {
  value = kv_bundle.settings.keys
}
