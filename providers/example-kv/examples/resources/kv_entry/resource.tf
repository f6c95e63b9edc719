resource "kv_entry" "database_url" {
  key   = "app/database_url"
  value = "postgres://app@db.internal:5432/app"
  tags = {
    owner = "platform"
  }
  ttl_seconds = 3600
}

# A secret that never reaches the state: bump value_wo_version to write a new value.
resource "kv_entry" "api_token" {
  key              = "app/api_token"
  value_wo         = var.api_token
  value_wo_version = 1
}

variable "api_token" {
  type      = string
  sensitive = true
  ephemeral = true
}
