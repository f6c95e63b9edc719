# The plain SHA-256 hex digest of a string. (kv_entry.checksum is keyed with the store's own
# secret instead, so that it gives no value away.)
output "hello_checksum" {
  value = provider::kv::checksum("hello")
}
