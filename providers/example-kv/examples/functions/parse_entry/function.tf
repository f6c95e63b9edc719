output "region" {
  value = provider::kv::parse_entry("region=eu-west-1") # { key = "region", value = "eu-west-1" }
}
