// ESLint for the page's JavaScript (the engine, its fallback, the JS unit tests and the engine drivers), run by
// scripts/test.sh. The product's functions stay short: one job each, as the Python side.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "**/node_modules/", ".venv/", "assets/dist/", "build/", "out/"] },
  js.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["assets/**/*.js"],
    rules: {
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ["tests/**/*.mjs", "tests/**/*.js", "eslint.config.js", "scripts/**/*.mjs"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
