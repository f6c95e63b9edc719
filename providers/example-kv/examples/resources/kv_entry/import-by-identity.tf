import {
  to = kv_entry.database_url
  identity = {
    namespace = "prod"
    key       = "app/database_url"
  }
}
