# Invoke with `terraform apply -invoke=action.kv_touch.database_url`: bumps the entry's updated_at.
action "kv_touch" "database_url" {
  config {
    key = "app/database_url"
  }
}
