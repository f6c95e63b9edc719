# The demo of the kv provider: run by `npm run demo` from the repository root.
# The store lives where KV_STORE_PATH points (the demo sets it to a temporary directory),
# or in the directory given by the `store_path` variable.

terraform {
  required_providers {
    kv = {
      source = "pyvider/kv"
    }
  }
}

variable "store_path" {
  type        = string
  default     = null
  description = "Directory of the store; null means KV_STORE_PATH, else ./.kv-store."
}

provider "kv" {
  path      = var.store_path
  namespace = "demo"
}

resource "kv_entry" "database_url" {
  key   = "app/database_url"
  value = "postgres://app@db.internal:5432/app"
  tags = {
    owner = "platform"
    env   = "dev"
  }
}

resource "kv_entry" "feature_flags" {
  key         = "app/feature_flags"
  value       = jsonencode({ dark_mode = true, beta = false })
  ttl_seconds = 3600
}

resource "kv_entry" "api_token" {
  key              = "app/api_token"
  value_wo         = "s3cr3t-token-never-in-state"
  value_wo_version = 1
}

resource "kv_bundle" "settings" {
  prefix = "settings/"

  entries = [
    { key = "region", value = "eu-west-1" },
    { key = "replicas", value = "3" },
    { key = "password", value = "hunter2", secret = true },
  ]

  rule {
    match       = "password"
    ttl_seconds = 600
  }

  settings = {
    compression = "gzip"
  }
}

data "kv_entry" "database_url" {
  key = kv_entry.database_url.key
}

data "kv_entries" "app" {
  prefix     = "app/"
  depends_on = [kv_entry.database_url, kv_entry.feature_flags, kv_entry.api_token]
}

output "entry_ids" {
  value = [kv_entry.database_url.id, kv_entry.feature_flags.id, kv_entry.api_token.id]
}

output "database_url_version" {
  value = data.kv_entry.database_url.version
}

output "checksum_matches" {
  description = "the data source reads the same keyed checksum the resource recorded"
  value       = data.kv_entry.database_url.checksum == kv_entry.database_url.checksum
}

output "bundle_keys" {
  value = kv_bundle.settings.keys
}

output "app_entries" {
  value = { count = data.kv_entries.app.entry_count, keys = [for e in data.kv_entries.app.entries : e.key] }
}

output "function_add" {
  value = provider::kv::add(40, 2)
}

output "function_join_keys" {
  value = provider::kv::join_keys("/", "app", "config", "v2")
}

output "function_parse_entry" {
  value = provider::kv::parse_entry("region=eu-west-1")
}

output "function_checksum" {
  value = provider::kv::checksum("hello")
}
