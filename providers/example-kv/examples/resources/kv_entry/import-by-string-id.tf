import {
  to = kv_entry.database_url
  id = "app/database_url"
}
