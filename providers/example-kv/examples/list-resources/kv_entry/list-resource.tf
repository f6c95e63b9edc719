# In a .tfquery.hcl file, for `terraform query`.
list "kv_entry" "app" {
  provider = kv
  config {
    prefix = "app/"
  }
}
