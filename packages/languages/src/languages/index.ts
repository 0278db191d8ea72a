import { bash } from "./bash";
import { c } from "./c";
import { cpp } from "./cpp";
import { csharp } from "./csharp";
import { dart } from "./dart";
import { elixir } from "./elixir";
import { go } from "./go";
import { java } from "./java";
import { javascript } from "./javascript";
import { julia } from "./julia";
import { kotlin } from "./kotlin";
import { perl } from "./perl";
import { php } from "./php";
import { python } from "./python";
import { r } from "./r";
import { racket } from "./racket";
import { ruby } from "./ruby";
import { rust } from "./rust";
import { scala } from "./scala";
import { swift } from "./swift";
import { typescript } from "./typescript";

/**
 * Every language, one declaration each, in the order listings show them. Adding a language is its
 * file in this folder plus its entry here (and the import above it).
 */
export const LANGUAGES = [
  python,
  javascript,
  typescript,
  c,
  cpp,
  java,
  go,
  rust,
  csharp,
  php,
  ruby,
  bash,
  kotlin,
  scala,
  elixir,
  perl,
  r,
  racket,
  swift,
  dart,
  julia,
] as const;

/** A language's id: the union of the ids declared above. */
export type Language = (typeof LANGUAGES)[number]["id"];
