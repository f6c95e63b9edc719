data "kv_entry" "database_url" {
  key = "app/database_url"
}

output "database_url_version" {
  value = data.kv_entry.database_url.version
}
