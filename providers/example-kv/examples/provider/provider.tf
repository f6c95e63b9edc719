terraform {
  required_providers {
    kv = {
      source = "pyvider/kv"
    }
  }
}

# The store is a directory on disk; each namespace is a subdirectory of it.
provider "kv" {
  path      = "/var/lib/kv" # default: the KV_STORE_PATH environment variable, else ./.kv-store
  namespace = "prod"        # default: "default"
}
