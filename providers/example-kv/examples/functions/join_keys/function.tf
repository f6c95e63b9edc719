output "config_key" {
  value = provider::kv::join_keys("/", "app", "config", "v2") # "app/config/v2"
}
