# Holds an exclusive lease on an entry for the run and reads its value without storing it.
ephemeral "kv_lease" "token" {
  key         = "app/api_token"
  ttl_seconds = 30
}

# Copy the leased value into another entry through a write-only attribute.
resource "kv_entry" "token_copy" {
  key              = "backup/api_token"
  value_wo         = ephemeral.kv_lease.token.value
  value_wo_version = 1
}
