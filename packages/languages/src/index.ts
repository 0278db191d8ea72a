export type {
  CompileLimits,
  CompilerCache,
  DebianToolchain,
  InstallerToolchain,
  LanguageDeclaration,
  Toolchain,
  ToolchainCommon,
} from "./declaration";
export { LANGUAGES, type Language } from "./languages";
export { fenceTags, isLanguage, languageName, lookupLanguage } from "./lookup";
