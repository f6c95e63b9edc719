# Deprecated: the old name of kv_entry. Move existing ones with a `moved` block.
resource "kv_entry" "legacy" {
  key   = "legacy/setting"
  value = "on"
}

moved {
  from = kv_item.legacy
  to   = kv_entry.legacy
}
