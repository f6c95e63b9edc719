# The same SHA-256 hex digest kv_entry reports in `checksum`.
output "hello_checksum" {
  value = provider::kv::checksum("hello")
}
