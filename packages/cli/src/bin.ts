#!/usr/bin/env node
import { VERSION } from "./index.js";

process.stdout.write(`pyvider ${VERSION}\n`);
