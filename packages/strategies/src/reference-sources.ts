import { readDataText, type DataFile, type LoadOptions } from "@cg/datasets";
import { ReferenceSourceError } from "./errors.js";

/**
 * The authors' implementations the reference profile follows, at the commits the papers' numbers
 * come from. Like a dataset, their text is read at run time (mirror, cache or canonical URL,
 * sha256-checked) and never shipped with the project.
 */
export const REFERENCE_REPOSITORIES = {
  codesim: { name: "kagnlp/CodeGenerator", commit: "9cf09ee6c788bfda3b7e1524e88be3447098eb24" },
  mapcoder: { name: "Md-Ashraful-Pramanik/MapCoder", commit: "0027da71030b441cca2bc6f95def86b9aa5c7dea" },
} as const;

export type ReferenceRepository = keyof typeof REFERENCE_REPOSITORIES;

/** The mirror folder that holds both repositories, one subfolder each. */
export const REFERENCE_SOURCE = "reference-strategies";

/** Checksums of the files the project reads, by path inside the mirror folder. */
const SHA256: Readonly<Record<string, string>> = {
  "codesim/src/datasets/APPSDataset.py": "38f95b0c91efc46ee702850ed90168cf552ef1459a5ad1c2d83e9c09e9d85b1f",
  "codesim/src/datasets/CodeContestDataset.py": "f51533cb313f7ce10a31c9f199b88016372ff2bda50353f23cb33b09b2df425a",
  "codesim/src/datasets/HumanEvalDataset.py": "4384f9f308ce4fe3066a3003aa204433805a99afb2a4050fa6c461866864ac53",
  "codesim/src/datasets/MBPPDataset.py": "db9ce9b3d017d22cb50be43ceaaf5302fad08672d43dadcbf0d9f06d2e9c5991",
  "codesim/src/datasets/XCodeDataset.py": "ad9394b0d4b39903dd4ceb7b90907d3b09926562315cd6fb4b8b5e193906a8d7",
  "codesim/src/evaluations/evalute.py": "2847b67050f67fd2605f126ac4e0e06c3240f02e276854a83b87669b35410fd8",
  "codesim/src/evaluations/func_evaluate.py": "1c08aebece1b3f8b89d37097796ecdbafb1a4cf04b4e1bff49a53a1ffadf9106",
  "codesim/src/promptings/Analogical.py": "c2e0d695955554a81aad9bb6fef87a57c1adf20abe0b47505eb09bdbee1f06c8",
  "codesim/src/promptings/CoT.py": "80663d99818f6b92ea7bd28ba52199a14a2296999c8abd895a4c2572802ba602",
  "codesim/src/promptings/CodeSIM.py": "1bda0671ef4d5b77b4ea1cd771b3ad9a25ea1c76359fedc4f2ec3a9a68d523ce",
  "codesim/src/promptings/Direct.py": "ac9357a9fc8c3386dae532986a04dd6997a1e0923c1f611d529c7e270f3818b9",
  "codesim/src/promptings/MapCoder.py": "54a5d32dd3d56e553c674dda595c17b3d8762cc2bb67ad6e121bc7c8a948227a",
  "codesim/src/promptings/SelfPlanning.py": "06149bc1c71438fcd016caa7e7d8e1075c03b6c3cfcbc5399291e39779f460ed",
  "codesim/src/promptings/variations/CodeSIMA.py": "70e9f20f9d482668334971829674ad7759d9e674f630cdfa3c66bc3159a35775",
  "codesim/src/promptings/variations/CodeSIMC.py": "498149f0f9b4cab5fcf4324f8f9a3f3f003ffcbfca8afc2de97deb22108440ca",
  "codesim/src/promptings/variations/CodeSIMWD.py": "af6a10a36aeb726ad105d64762fbd73231f26d9a05fab10118b7892620aba841",
  "codesim/src/promptings/variations/CodeSIMWPV.py": "386f5d46e34014290b158b03b65c6b2718c5fccf1a66e2fd75f4c578c032f003",
  "codesim/src/promptings/variations/CodeSIMWPVD.py": "5395f442fc70211e56f44e7f8c01293a6a08604aec7c759e3cc993b8a9439ac7",
  "codesim/src/utils/parse.py": "d4b28e702482e70cce16998f047ad5ffdd1a98b7d134eda3b16803d68fd32afc",
  "mapcoder/src/datasets/APPSDataset.py": "d91aa4f0116f0a93e1a053d97ac660a235f6c234e973850e26b6e6b4624c37b5",
  "mapcoder/src/datasets/CodeContestDataset.py": "87d1851cd2c6a24e189fe46428fcdb2475d1701a8bbe28289988af12fb234568",
  "mapcoder/src/datasets/HumanEvalDataset.py": "e430a3f73ff1d8f76181c5687ae818b89ad44ae59b3db1f8a96a4126aef37a34",
  "mapcoder/src/datasets/MBPPDataset.py": "0d28843c099aa3df19560330b27031f366d5bced73dcbc0d5f04bf86d6dee525",
  "mapcoder/src/datasets/XCodeDataset.py": "3461c414a4d9dc5bea27497b93d8c7f23687c50b171d044f47536c6bc7ef1e8d",
  "mapcoder/src/evaluations/evalute.py": "d7296397865d490a12cfcdec4ac847743d947f76a5cb7397bfe79b723a24198e",
  "mapcoder/src/evaluations/func_evaluate.py": "a6e70d76066ddbd80f11d72fd38e1ada66667b8bc2e3ac2d987c4421a25e7f62",
  "mapcoder/src/promptings/MapCoder.py": "25794b25bf19a1d41725c106a00a0ab4c4453a1971cd50a49f61a3c22488c6db",
  "mapcoder/src/utils/parse.py": "f6fcc10fecaa935ca862321912db162424d7cf91dceda8bf45fd227f983133b4",
};

/** A file of a reference repository, e.g. `("codesim", "src/promptings/CodeSIM.py")`. */
export function referenceFile(repository: ReferenceRepository, path: string): DataFile {
  const file = `${repository}/${path}`;
  const sha256 = SHA256[file];
  if (sha256 === undefined) throw new ReferenceSourceError(`${file} is not a pinned reference file; add its sha256 to reference-sources.ts`);
  const { name, commit } = REFERENCE_REPOSITORIES[repository];
  return { source: REFERENCE_SOURCE, file, url: `https://raw.githubusercontent.com/${name}/${commit}/${path}`, sha256 };
}

/** The file's text, verified; from the mirror, the cache, or downloaded once into the cache. */
export function readReferenceFile(repository: ReferenceRepository, path: string, options?: LoadOptions): Promise<string> {
  return readDataText(referenceFile(repository, path), options);
}
