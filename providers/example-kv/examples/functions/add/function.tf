output "answer" {
  value = provider::kv::add(40, 2) # 42
}
