import { defineConfig } from "tsup";
import { packageConfig } from "../../tsup.shared";

export default defineConfig(packageConfig());
