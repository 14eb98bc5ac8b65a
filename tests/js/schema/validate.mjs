// Validates page data (what Python puts in the story module) against the engine's contract,
// assets/engine/storydata.schema.json (written by page/pagedata.py), with ajv: the check runs in the language
// that reads the data. Usage: node validate.mjs DATA.json ... ; exits 1 naming each file and the path at fault.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const schema = JSON.parse(readFileSync(new URL("../../../assets/engine/storydata.schema.json", import.meta.url), "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

let failed = false;
for (const file of process.argv.slice(2)) {
  if (validate(JSON.parse(readFileSync(file, "utf8")))) continue;
  failed = true;
  for (const e of validate.errors) console.error(`${file}: ${e.instancePath || "/"} ${e.message}`);
}
process.exit(failed ? 1 : 0);
