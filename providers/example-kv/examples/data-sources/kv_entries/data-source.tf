data "kv_entries" "app" {
  prefix = "app/"
}

output "app_keys" {
  value = [for e in data.kv_entries.app.entries : e.key]
}

output "app_entry_count" {
  value = data.kv_entries.app.entry_count
}
