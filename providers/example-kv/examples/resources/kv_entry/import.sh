# By key, in the provider's namespace:
terraform import kv_entry.database_url app/database_url

# By "<namespace>/<key>":
terraform import kv_entry.database_url prod/app/database_url
